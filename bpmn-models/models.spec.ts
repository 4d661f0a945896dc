/*
 * Static checks of the deployable models: they guard what the engine, the API (form validation, event routing)
 * and the e2e tests rely on, so a model edited in the modeler cannot silently break them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { evaluate, parseExpression } from '@bpmn-io/feelin';

/* Moddle elements are dynamic objects; this is the small part of their shape the checks read. */
interface El {
  $type: string;
  id?: string;
  name?: string;
  [prop: string]: unknown;
}
interface FormComponent {
  id: string;
  type: string;
  key?: string;
  values?: { label: string; value: string }[];
  validate?: Record<string, unknown>;
  conditional?: { hide?: string };
  components?: FormComponent[];
}

const dir = __dirname;
const xml = readFileSync(join(dir, 'recovery.bpmn'), 'utf8');
const formFiles = readdirSync(dir).filter((f) => f.endsWith('.form'));
/** The forms of recovery.bpmn: their headers show the debt case (other processes' forms have their own headers). */
const forms = new Map(formFiles.map((f) => [f.replace(/\.form$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
/** The recovery forms share one case header (debts, amount still due); other processes' forms have their own (their model specs check them). */
const RECOVERY_FORMS = new Set(['approve-transfer', 'contact-employer', 'prepare-transfer', 'review-dispute']);
const recoveryForms = [...forms].filter(([id]) => RECOVERY_FORMS.has(id));

const ALLOWED_ELEMENTS = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:SequenceFlow', 'bpmn:SubProcess',
  'bpmn:InclusiveGateway', 'bpmn:SendTask', 'bpmn:CallActivity',
]);
const JOB_TYPES = new Set(['ebox.send-letter', 'recovery.notify-escalation', 'bailiff.transfer', 'deferral.close']);
const GROUPS = new Set(['recovery-agents', 'recovery-leads']);
const TRANSLATABLE = new Set(['label', 'description', 'placeholder', 'text', 'dateLabel', 'timeLabel']);
const VALIDATE_KEYS = new Set(['required', 'min', 'max', 'minLength', 'maxLength', 'pattern']);

const ext = (el: El, type: string): El[] =>
  (((el['extensionElements'] as El | undefined)?.['values'] as El[] | undefined) ?? []).filter((v) => v.$type === type);
const one = (el: El, type: string): El | undefined => ext(el, type)[0];

/** FEEL expressions parse without error nodes (parseExpression is error-tolerant, so walk the tree). */
function feelErrors(expression: string): string[] {
  const errors: string[] = [];
  parseExpression(expression, {}, undefined).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`${expression} @${node.from}`);
    },
  });
  return errors;
}

/** The flow elements of a scope and of every sub-process in it. */
const allFlowElements = (scope: El): El[] => ((scope['flowElements'] as El[] | undefined) ?? []).flatMap((e) => [e, ...allFlowElements(e)]);

const flatten = (cs: FormComponent[]): FormComponent[] => cs.flatMap((c) => [c, ...flatten(c.components ?? [])]);

describe('bpmn-models', () => {
  let definitions: El;
  let warnings: unknown[];
  let process: El;
  let elements: El[];
  const byType = (type: string) => elements.filter((e) => e.$type === type);

  beforeAll(async () => {
    const moddle = new BpmnModdle({ zeebe: zeebeSchema });
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    definitions = result.rootElement as unknown as El;
    warnings = result.warnings;
    process = (definitions['rootElements'] as El[]).find((e) => e.$type === 'bpmn:Process') as El;
    elements = allFlowElements(process);
  });

  describe('recovery.bpmn', () => {
    it('should parse with the Zeebe extension without warnings', () => {
      expect(warnings).toEqual([]);
      expect(process.id).toBe('recovery');
      expect(process.name).toBe('Amicable recovery');
      // The modeler namespace is not a moddle package, so its attributes stay raw.
      const attrs = definitions['$attrs'] as Record<string, string>;
      expect(attrs['modeler:executionPlatform']).toBe('Camunda Cloud');
      expect(attrs['modeler:executionPlatformVersion']).toBe('8.8.0');
    });

    it('should use only the constructs the embedded engine supports', () => {
      const unsupported = elements.filter((e) => !ALLOWED_ELEMENTS.has(e.$type)).map((e) => `${e.$type} ${e.id}`);
      expect(unsupported).toEqual([]);
      const definitionsUsed = elements.flatMap((e) => ((e['eventDefinitions'] as El[] | undefined) ?? []).map((d) => d.$type));
      expect(new Set(definitionsUsed)).toEqual(new Set(['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:TerminateEventDefinition']));
      // Event sub-processes only, started by a message (the engine supports message and timer starts there).
      expect(byType('bpmn:SubProcess').map((e) => e['triggeredByEvent'])).toEqual([true, true]);
    });

    it('should connect every sequence flow to existing elements, consistently with incoming/outgoing', () => {
      const ids = new Set(elements.map((e) => e.id));
      for (const flow of byType('bpmn:SequenceFlow')) {
        const source = flow['sourceRef'] as El;
        const target = flow['targetRef'] as El;
        expect(ids.has(source?.id)).toBe(true);
        expect(ids.has(target?.id)).toBe(true);
        expect((source['outgoing'] as El[]).map((f) => f.id)).toContain(flow.id);
        expect((target['incoming'] as El[]).map((f) => f.id)).toContain(flow.id);
      }
      const unreachable = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:StartEvent'
        && e.$type !== 'bpmn:BoundaryEvent' && e['triggeredByEvent'] !== true && !((e['incoming'] as El[] | undefined)?.length));
      expect(unreachable.map((e) => e.id)).toEqual([]);
    });

    it('should have a DI shape or edge for every element and no overlapping shapes', () => {
      const plane = ((definitions['diagrams'] as El[])[0]['plane'] as El)['planeElement'] as El[];
      const di = new Map(plane.map((p) => [(p['bpmnElement'] as El).id, p]));
      expect(elements.filter((e) => !di.has(e.id)).map((e) => e.id)).toEqual([]);
      for (const flow of byType('bpmn:SequenceFlow')) expect((di.get(flow.id)?.['waypoint'] as unknown[]).length).toBeGreaterThanOrEqual(2);
      const boxes = plane.filter((p) => p.$type === 'bpmndi:BPMNShape' && (p['bpmnElement'] as El).$type !== 'bpmn:BoundaryEvent')
        .map((p) => ({ id: (p['bpmnElement'] as El).id, scope: ((p['bpmnElement'] as El)['$parent'] as El).id, b: p['bounds'] as { x: number; y: number; width: number; height: number } }));
      // Shapes of one scope must not overlap (a sub-process holds its own elements, compared among themselves).
      const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((c) => a.scope === c.scope && a.b.x < c.b.x + c.b.width && c.b.x < a.b.x + a.b.width
        && a.b.y < c.b.y + c.b.height && c.b.y < a.b.y + a.b.height).map((c) => `${a.id}/${c.id}`));
      expect(overlaps).toEqual([]);
    });

    it('should give every user task a Zeebe user task, a known group, a due date and an existing form', () => {
      const userTasks = byType('bpmn:UserTask');
      expect(userTasks.map((t) => t.name)).toEqual(expect.arrayContaining(['Contact employer', 'Review dispute',
        'Prepare forced-recovery transfer', 'Approve forced-recovery transfer']));
      for (const task of userTasks) {
        expect(one(task, 'zeebe:UserTask')).toBeDefined();
        expect(GROUPS.has(one(task, 'zeebe:AssignmentDefinition')?.['candidateGroups'] as string)).toBe(true);
        expect(one(task, 'zeebe:TaskSchedule')?.['dueDate']).toMatch(/^=/);
        const formId = one(task, 'zeebe:FormDefinition')?.['formId'] as string;
        expect(forms.has(formId)).toBe(true);
      }
    });

    it('should use the agreed job types and letter templates', () => {
      const jobs = byType('bpmn:ServiceTask').map((t) => ({
        type: one(t, 'zeebe:TaskDefinition')?.['type'],
        template: (one(t, 'zeebe:TaskHeaders')?.['values'] as El[] | undefined)?.find((h) => h['key'] === 'template')?.['value'],
      }));
      expect(jobs.every((j) => JOB_TYPES.has(j.type as string))).toBe(true);
      expect(jobs.filter((j) => j.type === 'ebox.send-letter').map((j) => j.template).sort())
        .toEqual(['forced-recovery-notice', 'recovery-reminder']);
    });

    it('should start on debt.detected and correlate payment.received by enterprise number', () => {
      const messages = (definitions['rootElements'] as El[]).filter((e) => e.$type === 'bpmn:Message');
      expect(messages.map((m) => m.name).sort()).toEqual(['debt.detected', 'debt.detected', 'employer.insolvent', 'payment.received']);
      const payment = messages.find((m) => m.name === 'payment.received') as El;
      expect(one(payment, 'zeebe:Subscription')?.['correlationKey']).toBe('=enterpriseNumber');
      const start = (process['flowElements'] as El[]).filter((e) => e.$type === 'bpmn:StartEvent');
      expect(start).toHaveLength(1);
      expect(((start[0]['eventDefinitions'] as El[])[0]['messageRef'] as El).name).toBe('debt.detected');
    });

    it('should take the router debt at the start and add a further debt of the same employer to the open case', () => {
      const outputs = (id: string) => Object.fromEntries(((one(elements.find((e) => e.id === id) as El, 'zeebe:IoMapping')?.['outputParameters'] as El[]) ?? [])
        .map((m) => [m['target'] as string, (m['source'] as string).slice(1)]));
      const debt = { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', quarter: '2026-Q3', debtCents: 125000, dueDate: '2026-10-31' };
      const started = Object.fromEntries(Object.entries(outputs('StartEvent_DebtDetected')).map(([target, source]) => [target, evaluate(source, debt).value]));
      expect(started).toEqual({ enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', quarter: '2026-Q3', dueDate: '2026-10-31',
        amountDueCents: 125000, debts: [{ debtId: 'D-1', quarter: '2026-Q3', amountCents: 125000, dueDate: '2026-10-31' }] });
      // The further debt is caught in the open instance (correlated by enterprise number), without interrupting it.
      const further = elements.find((e) => e.id === 'StartEvent_FurtherDebt') as El;
      expect(further['isInterrupting']).toBe(false);
      const message = (further['eventDefinitions'] as El[])[0]['messageRef'] as El;
      expect([message.name, one(message, 'zeebe:Subscription')?.['correlationKey']]).toEqual(['debt.detected', '=enterpriseNumber']);
      const second = { ...debt, debtId: 'D-2', quarter: '2026-Q4', debtCents: 30000, dueDate: '2027-01-31' };
      const added = Object.fromEntries(Object.entries(outputs('StartEvent_FurtherDebt')).map(([target, source]) => [target, evaluate(source, { ...started, ...second }).value]));
      expect(added).toEqual({ amountDueCents: 155000, debts: [...(started['debts'] as unknown[]), { debtId: 'D-2', quarter: '2026-Q4', amountCents: 30000, dueDate: '2027-01-31' }] });
    });

    it('should recompute the amount due wherever a payment is received', () => {
      const paymentCatchers = elements.filter((e) => e['messageRef'] === undefined
        ? ((e['eventDefinitions'] as El[] | undefined) ?? []).some((d) => (d['messageRef'] as El | undefined)?.name === 'payment.received')
        : (e['messageRef'] as El).name === 'payment.received');
      expect(paymentCatchers.length).toBeGreaterThanOrEqual(6);
      for (const catcher of paymentCatchers) {
        const outputs = (one(catcher, 'zeebe:IoMapping')?.['outputParameters'] as El[]) ?? [];
        expect(outputs).toContainEqual(expect.objectContaining({ source: '=amountDueCents - paymentCents', target: 'amountDueCents' }));
        if ((catcher['attachedToRef'] as El | undefined)?.$type === 'bpmn:CallActivity') {
          // While the payment deferral runs the payment is also an instalment there: the case only lowers its amount
          // (non-interrupting, a plain end) and never ends itself; the deferral's outcome decides.
          expect(catcher['cancelActivity']).toBe(false);
          const end = (catcher['outgoing'] as El[])[0]['targetRef'] as El;
          expect([end.$type, end['eventDefinitions'] ?? []]).toEqual(['bpmn:EndEvent', []]);
          continue;
        }
        // Every payment leads to a "Debt covered?" decision: a full payment closes the case, a partial one waits again.
        const next = ((catcher['outgoing'] as El[])[0]['targetRef'] as El);
        expect(next.name).toBe('Debt covered?');
        if (catcher.$type !== 'bpmn:BoundaryEvent') continue;
        // On a user task (and on the reminder being sent) the payment must not take the work from whoever holds it:
        // non-interrupting, and a full payment ends the whole case at a terminate end (process level), a partial one
        // at a plain end.
        expect(['bpmn:UserTask', 'bpmn:ServiceTask']).toContain((catcher['attachedToRef'] as El).$type);
        expect(catcher['cancelActivity']).toBe(false);
        const ends = (next['outgoing'] as El[]).map((f) => f['targetRef'] as El);
        const terminates = (e: El) => ((e['eventDefinitions'] as El[] | undefined) ?? []).some((d) => d.$type === 'bpmn:TerminateEventDefinition');
        expect(ends.map((e) => [e.$type, e.name, terminates(e)]).sort()).toEqual([['bpmn:EndEvent', 'Paid', true], ['bpmn:EndEvent', 'Partly paid', false]]);
      }
      expect(paymentCatchers.filter((c) => c.$type === 'bpmn:BoundaryEvent')).toHaveLength(6);
    });

    it('should give every decision a condition or default on each outgoing flow, with parseable FEEL', () => {
      for (const gateway of byType('bpmn:ExclusiveGateway')) {
        const outgoing = gateway['outgoing'] as El[];
        const dflt = gateway['default'] as El | undefined;
        for (const flow of outgoing) {
          const condition = (flow['conditionExpression'] as El | undefined)?.['body'] as string | undefined;
          if (flow === dflt) expect(condition).toBeUndefined();
          else expect(condition).toMatch(/^=/);
        }
      }
    });

    it('should contain only FEEL expressions that parse', () => {
      const expressions: string[] = [xml.match(/correlationKey="([^"]+)"/)?.[1] ?? ''];
      for (const e of elements) {
        const condition = (e['conditionExpression'] as El | undefined)?.['body'];
        if (typeof condition === 'string') expressions.push(condition);
        for (const d of (e['eventDefinitions'] as El[] | undefined) ?? []) {
          for (const t of ['timeDuration', 'timeDate', 'timeCycle']) {
            const body = (d[t] as El | undefined)?.['body'];
            if (typeof body === 'string' && body.startsWith('=')) expressions.push(body);
          }
        }
        const due = one(e, 'zeebe:TaskSchedule')?.['dueDate'];
        if (typeof due === 'string') expressions.push(due);
        for (const p of ['inputParameters', 'outputParameters']) {
          for (const m of ((one(e, 'zeebe:IoMapping')?.[p] as El[] | undefined) ?? [])) expressions.push(m['source'] as string);
        }
      }
      expect(expressions.length).toBeGreaterThan(20);
      expect(expressions.filter((x) => !x.startsWith('='))).toEqual([]);
      expect(expressions.flatMap((x) => feelErrors(x.slice(1)))).toEqual([]);
    });

    it('should evaluate the date expressions to usable date-times', () => {
      const promiseTimer = elements.find((e) => e.id === 'Event_PromiseBroken') as El;
      const timeDate = (((promiseTimer['eventDefinitions'] as El[])[0]['timeDate'] as El)['body'] as string).slice(1);
      const deadline = evaluate(timeDate, { promisedDate: '2026-12-20' }).value as { toISO(): string };
      expect(deadline.toISO()).toBe('2026-12-20T23:59:59.000+01:00');
      const due = (one(elements.find((e) => e.name === 'Contact employer') as El, 'zeebe:TaskSchedule')?.['dueDate'] as string).slice(1);
      const dueValue = evaluate(due, {}).value as string;
      expect(Date.parse(dueValue) - Date.now()).toBeGreaterThan(4 * 86_400_000);
    });

    it('should route every contact outcome of the form to exactly one flow', () => {
      const outcomes = flatten(forms.get('contact-employer').components).find((c: FormComponent) => c.key === 'contactOutcome')?.values?.map((v) => v.value);
      expect(outcomes).toEqual(['promise', 'instalment-plan', 'dispute', 'unreachable']);
      const gateway = elements.find((e) => e.name === 'Contact outcome?') as El;
      const conditions = (gateway['outgoing'] as El[]).map((f) => (f['conditionExpression'] as El)['body'] as string);
      for (const contactOutcome of outcomes ?? []) {
        expect(conditions.filter((c) => evaluate(c.slice(1), { contactOutcome }).value === true)).toHaveLength(1);
      }
    });

    it('should escalate every person task from its due date on, with a non-interrupting cycle that stops after 3 reminders', () => {
      for (const task of byType('bpmn:UserTask')) {
        const due = one(task, 'zeebe:TaskSchedule')?.['dueDate'] as string;
        const timers = elements.filter((e) => e.$type === 'bpmn:BoundaryEvent' && e['attachedToRef'] === task
          && ((e['eventDefinitions'] as El[])[0]).$type === 'bpmn:TimerEventDefinition');
        expect([task.id, timers.length]).toEqual([task.id, 1]);
        const timer = timers[0] as El;
        expect(timer['cancelActivity']).toBe(false);
        const cycle = (((timer['eventDefinitions'] as El[])[0]['timeCycle'] as El)['body'] as string).slice(1);
        // The cycle starts at the task's due date (same expression, same engine clock) and repeats every 2 days, 3 times.
        const [repeat, start, interval] = (evaluate(cycle, {}).value as string).split('/');
        expect([task.id, repeat, interval]).toEqual([task.id, 'R3', 'P2D']);
        expect(Math.abs(Date.parse(start as string) - Date.parse(evaluate(due.slice(1), {}).value as string))).toBeLessThan(1000);
        // It leads to the team leader's escalation job, which says which task is late.
        const escalate = ((timer['outgoing'] as El[])[0]['targetRef'] as El);
        expect(one(escalate, 'zeebe:TaskDefinition')?.['type']).toBe('recovery.notify-escalation');
        expect(((one(escalate, 'zeebe:TaskHeaders')?.['values'] as El[]) ?? []).find((h) => h['key'] === 'escalatedTask')?.['value']).toBe(task.id);
      }
    });

    it('should interrupt the whole case on employer.insolvent and claim the debt with the amount due prefilled', () => {
      const start = elements.find((e) => e.id === 'StartEvent_Insolvent') as El;
      expect((start['$parent'] as El)['triggeredByEvent']).toBe(true);
      expect(((start['$parent'] as El)['$parent'] as El).id).toBe('recovery');
      expect(start['isInterrupting']).toBe(true);
      const message = (start['eventDefinitions'] as El[])[0]['messageRef'] as El;
      expect([message.name, one(message, 'zeebe:Subscription')?.['correlationKey']]).toEqual(['employer.insolvent', '=enterpriseNumber']);
      // Before the claim, the plan of a call the interruption cancelled is closed as insolvent (idempotent deferral.close).
      const close = ((start['outgoing'] as El[])[0]['targetRef'] as El);
      expect([one(close, 'zeebe:TaskDefinition')?.['type'], ((one(close, 'zeebe:TaskHeaders')?.['values'] as El[]) ?? []).find((h) => h['key'] === 'outcome')?.['value']]).toEqual(['deferral.close', 'insolvent']);
      const closeIo = one(close, 'zeebe:IoMapping') as El;
      const requestId = ((closeIo['inputParameters'] as El[]).find((m) => m['target'] === 'requestId')?.['source'] as string).slice(1);
      const call = one(elements.find((e) => e.$type === 'bpmn:CallActivity') as El, 'zeebe:IoMapping') as El;
      expect(requestId).toBe(((call['inputParameters'] as El[]).find((m) => m['target'] === 'requestId')?.['source'] as string).slice(1));
      expect(evaluate(requestId, { debtId: 'D-1', deferralRequests: null }).value).toBe('REC-D-1-1');
      expect((closeIo['outputParameters'] as El[]).map((m) => m['target'])).toEqual(['planClosedByInsolvency']);
      expect(((close['outgoing'] as El[])[0]['targetRef'] as El).id).toBe('Activity_ClaimInsolvency');
      const claims = byType('bpmn:UserTask').filter((t) => t.name === 'Claim in insolvency');
      expect(claims.map((t) => t.id).sort()).toEqual(['Activity_ClaimAfterDeferral', 'Activity_ClaimInsolvency']);
      for (const claim of claims) {
        expect(one(claim, 'zeebe:FormDefinition')?.['formId']).toBe('claim-insolvency');
        const io = one(claim, 'zeebe:IoMapping') as El;
        expect((io['inputParameters'] as El[]).map((m) => [m['source'], m['target']])).toEqual([['=amountDueCents', 'claimedAmountCents']]);
        // With an input mapping the task has locals: every form field must be mapped out, or the filed claim is lost.
        const keys = flatten(forms.get('claim-insolvency').components).flatMap((c: FormComponent) => (c.key ? [c.key] : [])).sort();
        expect((io['outputParameters'] as El[]).map((m) => m['target']).sort()).toEqual(keys);
      }
    });

    it('should call payment-deferral with the agreed inputs and route each of its outcomes exactly once', () => {
      const call = elements.find((e) => e.$type === 'bpmn:CallActivity') as El;
      const called = one(call, 'zeebe:CalledElement') as El;
      expect([called['processId'], called['propagateAllChildVariables'], called['propagateAllParentVariables']]).toEqual(['payment-deferral', false, false]);
      const io = one(call, 'zeebe:IoMapping') as El;
      const inputs = Object.fromEntries((io['inputParameters'] as El[]).map((m) => [m['target'] as string, (m['source'] as string).slice(1)]));
      const caseVars = { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', amountDueCents: 125000, requestedInstalments: 6, deferralReason: 'Seasonal.' };
      expect(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, evaluate(v, caseVars).value]))).toEqual({
        enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', requestId: 'REC-D-1-1', amountCents: 125000, requestedInstalments: 6, reason: 'Seasonal.', origin: 'recovery' });
      expect(evaluate(inputs['requestId'] as string, { ...caseVars, deferralRequests: 1 }).value).toBe('REC-D-1-2');
      const outputs = Object.fromEntries((io['outputParameters'] as El[]).map((m) => [m['target'] as string, (m['source'] as string).slice(1)]));
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['deferralOutcome', 'deferralPaidCents', 'transferReason']));
      // The case's payment boundary on the call already lowered amountDueCents by every payment: the call must not deduct
      // deferralPaidCents again (each payment is counted once, whichever process heard it first).
      expect(Object.keys(outputs)).not.toContain('amountDueCents');
      const gateway = ((call['outgoing'] as El[])[0]['targetRef'] as El);
      expect(gateway['default']).toBeUndefined();
      const conditions = (gateway['outgoing'] as El[]).map((f) => [((f['conditionExpression'] as El)['body'] as string).slice(1), (f['targetRef'] as El).id]);
      const route = (deferralOutcome: string, deferralPaidCents: number, amountDueCents: number) => {
        const after = { amountDueCents, ...Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, evaluate(v, { amountDueCents, deferralOutcome, deferralPaidCents }).value])) };
        return conditions.filter(([c]) => evaluate(c as string, after).value === true).map(([, target]) => target);
      };
      expect(route('paid', 125000, 0)).toEqual(['EndEvent_PaidByDeferral']);
      expect(route('paid', 125000, 30000)).toEqual(['Activity_WaitForPayment']);
      expect(route('rejected', 0, 125000)).toEqual(['Activity_PrepareTransfer']);
      expect(route('cancelled', 50000, 125000)).toEqual(['Activity_PrepareTransfer']);
      expect(route('insolvent', 0, 125000)).toEqual(['Activity_ClaimAfterDeferral']);
      // The prefilled transfer reasons are options of the prepare form.
      const reasons = flatten(forms.get('prepare-transfer').components).find((c: FormComponent) => c.key === 'transferReason')?.values?.map((v) => v.value);
      for (const [outcome, reason] of [['rejected', 'deferral-rejected'], ['cancelled', 'plan-defaulted']]) {
        expect(evaluate(outputs['transferReason'] as string, { deferralOutcome: outcome }).value).toBe(reason);
        expect(reasons).toContain(reason);
      }
    });

    it('should request an inspection (inspection.requested, the agreed variables) only when fraud is suspected, beside the outcome', () => {
      const gateway = elements.find((e) => e.id === 'Gateway_FraudSuspected') as El;
      expect(gateway.$type).toBe('bpmn:InclusiveGateway');
      const flows = (gateway['outgoing'] as El[]).map((f) => [((f['conditionExpression'] as El)['body'] as string).slice(1), (f['targetRef'] as El).id]);
      const taken = (v: Record<string, unknown>) => flows.filter(([c]) => evaluate(c as string, v).value === true).map(([, t]) => t);
      expect(taken({ contactOutcome: 'promise', suspectedFraud: true })).toEqual(['Gateway_ContactOutcome', 'Activity_RequestInspection']);
      expect(taken({ contactOutcome: 'promise', suspectedFraud: false })).toEqual(['Gateway_ContactOutcome']);
      expect(taken({ contactOutcome: 'promise' })).toEqual(['Gateway_ContactOutcome']);
      const send = elements.find((e) => e.id === 'Activity_RequestInspection') as El;
      expect(one(send, 'zeebe:TaskDefinition')?.['type']).toBe('werkbank.publish-message');
      expect(((one(send, 'zeebe:TaskHeaders')?.['values'] as El[])).find((h) => h['key'] === 'messageName')?.['value']).toBe('inspection.requested');
      const inputs = Object.fromEntries(((one(send, 'zeebe:IoMapping') as El)['inputParameters'] as El[]).map((m) => [m['target'] as string, (m['source'] as string).slice(1)]));
      const v = { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', fraudReason: 'Cash wages.' };
      expect(evaluate(inputs['correlationKey'] as string, v).value).toBe('0123456749');
      expect(evaluate(inputs['messageVariables'] as string, v).value).toEqual({ enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', requestedBy: 'recovery', recoveryCaseId: 'D-1', reason: 'Cash wages.' });
    });
  });

  describe('forms', () => {
    it('should be form-js schemas whose id is the file name', () => {
      expect([...forms.keys()].sort()).toEqual(['approve-agreement', 'approve-transfer', 'assess-deferral', 'claim-insolvency', 'contact-employer', 'inspection-report', 'investigate', 'missed-instalment', 'prepare-transfer', 'review-dispute', 'triage-signal']);
      for (const [id, schema] of forms) {
        expect(schema).toEqual(expect.objectContaining({ id, type: 'default', executionPlatform: 'Camunda Cloud', schemaVersion: 19 }));
      }
    });

    it('should use unique keys, known validation rules and parseable conditions', () => {
      for (const [, schema] of forms) {
        const components = flatten(schema.components);
        const keys = components.flatMap((c) => (c.key ? [c.key] : []));
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(components.map((c) => c.id)).size).toBe(components.length);
        for (const c of components) {
          expect(Object.keys(c.validate ?? {}).filter((k) => !VALIDATE_KEYS.has(k))).toEqual([]);
          if (typeof c.validate?.['pattern'] === 'string') expect(() => new RegExp(c.validate?.['pattern'] as string)).not.toThrow();
          if (c.conditional?.hide) expect(feelErrors(c.conditional.hide.slice(1))).toEqual([]);
        }
      }
    });

    it('should ask for a promised date only when the employer promises to pay', () => {
      const date = flatten(forms.get('contact-employer').components).find((c: FormComponent) => c.key === 'promisedDate') as FormComponent;
      expect(date.validate?.['required']).toBe(true);
      const hide = (date.conditional?.hide as string).slice(1);
      expect(evaluate(hide, { contactOutcome: 'promise' }).value).toBe(false);
      expect(evaluate(hide, { contactOutcome: 'dispute' }).value).toBe(true);
      // form-js's date picker refuses past dates; the API re-checks it server-side from the same flag.
      expect((date as FormComponent & { disallowPassedDates?: boolean }).disallowPassedDates).toBe(true);
    });

    it('should show the case in every header with a dotted enterprise number, the debts and euros with two decimals', () => {
      const variables = { employerName: 'Bakkerij Peeters', enterpriseNumber: '0501184845', amountDueCents: 439790,
        debts: [{ debtId: 'D-1', quarter: '2026-Q3', amountCents: 400000, dueDate: '2026-10-31' }, { debtId: 'D-2', quarter: '2026-Q4', amountCents: 39790, dueDate: '2027-01-31' }] };
      // form-js templating: each {{ }} holds a FEEL expression (feelers), evaluated against the task's variables.
      const render = (text: string) => text.replace(/\{\{(.*?)\}\}/g, (_m, expression: string) => String(evaluate(expression, variables).value));
      for (const [id, schema] of recoveryForms) {
        const header = render((schema.components as { text?: string }[])[0].text ?? '');
        expect([id, header]).toEqual([id, '#### Bakkerij Peeters\nEnterprise number 0501.184.845\n\nDebts: D-1 (2026-Q3, due 31/10/2026) · D-2 (2026-Q4, due 31/01/2027)\n\nStill due: **€ 4397.90**']);
      }
      const euros = (forms.get('contact-employer').components[0].text as string).match(/Still due: \*\*\{\{(.*)\}\}\*\*/)?.[1] as string;
      expect([5, 100, 125000].map((amountDueCents) => evaluate(euros, { amountDueCents }).value)).toEqual(['€ 0.05', '€ 1.00', '€ 1250.00']);
    });

    it('should translate every text a person reads into Dutch and French, with the same template variables', () => {
      // The UI replaces these properties (and the labels of values) by the form's own translations (task-form.ts).
      const texts = (node: unknown): string[] =>
        Array.isArray(node)
          ? node.flatMap(texts)
          : typeof node === 'object' && node !== null
            ? Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? (TRANSLATABLE.has(key) ? [value] : []) : texts(value)))
            : [];
      const templateVariables = (text: string) => (text.match(/\{\{\s*([A-Za-z]\w*)\s*\}\}/g) ?? []).sort();
      for (const [id, { translations, ...schema }] of forms) {
        const originals = [...new Set(texts(schema.components))];
        expect(originals.length).toBeGreaterThan(0);
        for (const language of ['nl', 'fr']) {
          const table = translations?.[language] ?? {};
          expect([id, language, originals.filter((text) => typeof table[text] !== 'string' || table[text].trim() === '')]).toEqual([id, language, []]);
          // No stale entries: every key is a text of the form.
          expect([id, language, Object.keys(table).filter((text) => !originals.includes(text))]).toEqual([id, language, []]);
          for (const text of originals) {
            expect([id, text, templateVariables(table[text])]).toEqual([id, text, templateVariables(text)]);
            for (const expression of (table[text] as string).match(/\{\{(.*?)\}\}/g) ?? []) expect(feelErrors(expression.slice(2, -2))).toEqual([]);
          }
        }
      }
    });

    it('should show the translated headers with the same case data', () => {
      const variables = { employerName: 'Bakkerij Peeters', enterpriseNumber: '0501184845', amountDueCents: 439790,
        debts: [{ debtId: 'D-1', quarter: '2026-Q3', amountCents: 400000, dueDate: '2026-10-31' }] };
      const render = (text: string) => text.replace(/\{\{(.*?)\}\}/g, (_m, expression: string) => String(evaluate(expression, variables).value));
      for (const [id, schema] of recoveryForms) {
        const header = (schema.components as { text: string }[])[0].text;
        expect([id, render(schema.translations.nl[header])]).toEqual([id, '#### Bakkerij Peeters\nOndernemingsnummer 0501.184.845\n\nSchulden: D-1 (2026-Q3, vervaldag 31/10/2026)\n\nNog verschuldigd: **€ 4397,90**']);
        expect([id, render(schema.translations.fr[header])]).toEqual([id, '#### Bakkerij Peeters\nNuméro d’entreprise 0501.184.845\n\nDettes : D-1 (2026-Q3, échéance 31/10/2026)\n\nReste dû : **€ 4397,90**']);
      }
    });

    it('should ask for the plan details only for an instalment plan, and a fraud reason only when fraud is suspected', () => {
      const contact = flatten(forms.get('contact-employer').components);
      const field = (key: string) => contact.find((c: FormComponent) => c.key === key) as FormComponent;
      expect(field('requestedInstalments').validate).toEqual({ required: true, min: 2, max: 24 });
      for (const key of ['requestedInstalments', 'deferralReason']) {
        const hide = (field(key).conditional?.hide as string).slice(1);
        expect([key, evaluate(hide, { contactOutcome: 'instalment-plan' }).value, evaluate(hide, { contactOutcome: 'promise' }).value]).toEqual([key, false, true]);
      }
      expect(field('suspectedFraud').type).toBe('checkbox');
      const hide = (field('fraudReason').conditional?.hide as string).slice(1);
      expect([evaluate(hide, { suspectedFraud: true }).value, evaluate(hide, { suspectedFraud: false }).value, evaluate(hide, {}).value]).toEqual([false, true, true]);
      expect(field('fraudReason').validate?.['required']).toBe(true);
    });

    it('should record who prepared a transfer so the approver can be checked (four-eyes)', () => {
      const keys = flatten(forms.get('prepare-transfer').components).map((c: FormComponent) => c.key);
      expect(keys).toContain('preparedBy');
    });
  });

  describe('event-routes.json', () => {
    const routes = JSON.parse(readFileSync(join(dir, 'event-routes.json'), 'utf8')) as Record<string, string>[];
    const sampleData: Record<string, Record<string, unknown>> = {
      'debt.detected': { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', quarter: '2026-Q3', amountCents: 1234567, dueDate: '2026-10-31' },
      'payment.received': { enterpriseNumber: '0123456749', paymentId: 'P-1', amountCents: 50000, bookedAt: '2026-11-02T10:00:00Z', reference: 'PLAN-REQ-1' },
      'deferral.requested': { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', requestId: 'REQ-1', amountCents: 800000, instalments: 8, reason: 'Seasonal drop.' },
      'deferral.information-received': { enterpriseNumber: '0123456749', requestId: 'REQ-1', information: 'Accounts attached.' },
      'employer.insolvent': { enterpriseNumber: '0123456749', date: '2026-11-20' },
      'fraud.signal': { enterpriseNumber: '0123456749', signalId: 'S-1', score: 0.87, indicators: ['NO_DIMONA', 'CROSS_BORDER'] },
    };
    // A deferral request is its own case, and its answer belongs to that request: both are keyed by request id.
    const expectedKey = (type: string) => (type.startsWith('deferral.') ? 'REQ-1' : '0123456749');

    it('should publish each known event as the message of the same name, keyed by enterprise number', () => {
      expect(routes.map((r) => r['eventType']).sort()).toEqual(['debt.detected', 'deferral.information-received', 'deferral.requested', 'employer.insolvent', 'fraud.signal', 'payment.received']);
      for (const route of routes) {
        expect(route).toEqual(expect.objectContaining({ action: 'publish-message', messageName: route['eventType'] }));
        expect(route['timeToLive']).toMatch(/^P(T(\d+[HMS])+|\d+D)$/);
        const event = { id: 'e-1', type: route['eventType'], source: 'test', data: sampleData[route['eventType']] };
        expect(evaluate(route['correlationKey'].slice(1), event).value).toBe(expectedKey(route['eventType']));
      }
    });

    it('should map event data to the process variables the model uses', () => {
      const vars = (type: string) => {
        const route = routes.find((r) => r['eventType'] === type) as Record<string, string>;
        return evaluate(route['variables'].slice(1), { id: 'e-1', type, data: sampleData[type] }).value;
      };
      // The debt's amount is `debtCents`: `amountDueCents` is the case's running total, which a further debt must not overwrite.
      expect(vars('debt.detected')).toEqual({ enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'D-1', quarter: '2026-Q3', debtCents: 1234567, dueDate: '2026-10-31' });
      expect(vars('payment.received')).toEqual({ paymentId: 'P-1', paymentCents: 50000, bookedAt: '2026-11-02T10:00:00Z', reference: 'PLAN-REQ-1' });
      expect(vars('deferral.requested')).toEqual({ enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', requestId: 'REQ-1', amountCents: 800000, requestedInstalments: 8, reason: 'Seasonal drop.', origin: 'request' });
      expect(vars('deferral.information-received')).toEqual({ informationReceived: 'Accounts attached.' });
      expect(vars('employer.insolvent')).toEqual({ insolvencyDate: '2026-11-20' });
      expect(vars('fraud.signal')).toEqual({ enterpriseNumber: '0123456749', signalId: 'S-1', fraudScore: 0.87, indicators: ['NO_DIMONA', 'CROSS_BORDER'] });
    });
  });
});
