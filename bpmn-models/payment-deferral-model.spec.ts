/*
 * Static checks of payment-deferral.bpmn and its forms: what the engine, the task API (form validation, four-eyes)
 * and the other processes (call activity, debt.detected, payment.received, employer.insolvent) rely on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { evaluate, parseExpression } from '@bpmn-io/feelin';
import { FOUR_EYES_RULES } from '../process-api/src/domain/tasks/four-eyes'; // eslint-disable-line @nx/enforce-module-boundaries -- the rule table must name this model's task

interface El {
  $type: string;
  id?: string;
  name?: string;
  [prop: string]: unknown;
}
interface FormComponent {
  type: string;
  key?: string;
  readonly?: boolean;
  text?: string;
  values?: { value: string }[];
  conditional?: { hide?: string };
}

const xml = readFileSync(join(__dirname, 'payment-deferral.bpmn'), 'utf8');
const form = (id: string) => JSON.parse(readFileSync(join(__dirname, `${id}.form`), 'utf8')) as { components: FormComponent[]; translations: Record<string, Record<string, string>> };
const ALLOWED = new Set(['bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:ExclusiveGateway', 'bpmn:BoundaryEvent', 'bpmn:SequenceFlow', 'bpmn:SubProcess']);
const JOB_TYPES = new Set(['deferral.check-eligibility', 'deferral.open-plan', 'deferral.close', 'ebox.send-letter', 'werkbank.publish-message']);
const ext = (el: El, type: string): El[] => (((el['extensionElements'] as El | undefined)?.['values'] as El[] | undefined) ?? []).filter((v) => v.$type === type);
const one = (el: El, type: string): El | undefined => ext(el, type)[0];
const all = (scope: El): El[] => ((scope['flowElements'] as El[] | undefined) ?? []).flatMap((e) => [e, ...all(e)]);
const feelErrors = (expression: string): string[] => {
  const errors: string[] = [];
  parseExpression(expression, {}, undefined).iterate({ enter: (node) => void (node.type.isError && errors.push(`${expression} @${node.from}`)) });
  return errors;
};
const mappings = (el: El, kind: 'inputParameters' | 'outputParameters') => ((one(el, 'zeebe:IoMapping')?.[kind] as El[] | undefined) ?? []).map((m) => ({ source: m['source'] as string, target: m['target'] as string }));

describe('payment-deferral.bpmn', () => {
  let definitions: El;
  let warnings: unknown[];
  let elements: El[];
  const byId = (id: string) => elements.find((e) => e.id === id) as El;

  beforeAll(async () => {
    const result = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml, 'bpmn:Definitions');
    definitions = result.rootElement as unknown as El;
    warnings = result.warnings;
    const process = (definitions['rootElements'] as El[]).find((e) => e.$type === 'bpmn:Process') as El;
    expect([process.id, process.name]).toEqual(['payment-deferral', 'Payment deferral']);
    elements = all(process);
  });

  it('should parse without warnings and use only constructs the engine supports', () => {
    expect(warnings).toEqual([]);
    expect(elements.filter((e) => !ALLOWED.has(e.$type)).map((e) => e.id)).toEqual([]);
    const jobs = elements.filter((e) => e.$type === 'bpmn:ServiceTask').map((t) => one(t, 'zeebe:TaskDefinition')?.['type'] as string);
    expect(jobs.filter((t) => !JOB_TYPES.has(t))).toEqual([]);
  });

  it('should have DI for every element and connected, consistent flows', () => {
    const plane = ((definitions['diagrams'] as El[])[0]['plane'] as El)['planeElement'] as El[];
    const di = new Set(plane.map((p) => (p['bpmnElement'] as El).id));
    expect(elements.filter((e) => !di.has(e.id)).map((e) => e.id)).toEqual([]);
    for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      expect(((flow['sourceRef'] as El)['outgoing'] as El[]).map((f) => f.id)).toContain(flow.id);
      expect(((flow['targetRef'] as El)['incoming'] as El[]).map((f) => f.id)).toContain(flow.id);
    }
  });

  it('should give every user task a Zeebe user task, a recovery group, a due date and a form of this folder', () => {
    const tasks = elements.filter((e) => e.$type === 'bpmn:UserTask');
    expect(tasks.map((t) => [t.id, one(t, 'zeebe:AssignmentDefinition')?.['candidateGroups'], one(t, 'zeebe:FormDefinition')?.['formId']])).toEqual([
      ['Activity_AssessRequest', 'recovery-agents', 'assess-deferral'],
      ['Activity_ApproveAgreement', 'recovery-leads', 'approve-agreement'],
      ['Activity_FollowUpMissed', 'recovery-agents', 'missed-instalment'],
    ]);
    for (const t of tasks) {
      expect(one(t, 'zeebe:UserTask')).toBeDefined();
      expect(one(t, 'zeebe:TaskSchedule')?.['dueDate']).toMatch(/^=string\(now\(\) \+ duration\("P\d+D"\)\)$/);
    }
  });

  it('should contain only FEEL expressions that parse', () => {
    const expressions = [...xml.matchAll(/(?:source|correlationKey|inputCollection|dueDate)="(=[^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    for (const e of elements) {
      const condition = (e['conditionExpression'] as El | undefined)?.['body'];
      if (typeof condition === 'string') expressions.push(condition);
    }
    expect(expressions.length).toBeGreaterThan(40);
    expect(expressions.flatMap((x) => feelErrors(x.slice(1)))).toEqual([]);
  });

  it('should start on deferral.requested and by a call, and catch payments, answers and insolvency by their keys', () => {
    const messages = Object.fromEntries((definitions['rootElements'] as El[]).filter((e) => e.$type === 'bpmn:Message').map((m) => [m.name, one(m, 'zeebe:Subscription')?.['correlationKey'] ?? null]));
    expect(messages).toEqual({ 'deferral.requested': null, 'deferral.information-received': '=requestId', 'payment.received': '=enterpriseNumber', 'employer.insolvent': '=enterpriseNumber' });
    const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent' && (e['$parent'] as El).$type === 'bpmn:Process');
    expect(starts.map((s) => [s.id, ((s['eventDefinitions'] as El[] | undefined) ?? []).map((d) => d.$type)])).toEqual([
      ['StartEvent_DeferralRequested', ['bpmn:MessageEventDefinition']], ['StartEvent_FromRecovery', []]]);
    const request = { enterpriseNumber: '0123456749', employerName: 'X', requestId: 'REQ-1', amountCents: 800000, requestedInstalments: 8, reason: 'r', origin: 'request' };
    const started = Object.fromEntries(mappings(byId('StartEvent_DeferralRequested'), 'outputParameters').map((m) => [m.target, evaluate(m.source.slice(1), request).value]));
    expect(started).toEqual({ ...request, deferralPaidCents: 0 });
    const insolvency = byId('StartEvent_Insolvent');
    expect([insolvency['isInterrupting'], (byId('SubProcess_Insolvency'))['triggeredByEvent']]).toEqual([true, true]);
  });

  it('should wait for each instalment of the schedule in turn, counting payments toward the plan in order', () => {
    const instalments = byId('SubProcess_Instalments');
    const loop = instalments['loopCharacteristics'] as El;
    expect(loop['isSequential']).toBe(true);
    expect([one(loop, 'zeebe:LoopCharacteristics')?.['inputCollection'], one(loop, 'zeebe:LoopCharacteristics')?.['inputElement']]).toEqual(['=schedule', 'instalment']);
    for (const id of ['Activity_WaitForInstalment', 'Event_PaidDuringFollowUp']) {
      expect(mappings(byId(id), 'outputParameters')).toContainEqual({ source: '=deferralPaidCents + paymentCents', target: 'deferralPaidCents' });
    }
    const covered = ((byId('Flow_InstalmentCovered')['conditionExpression'] as El)['body'] as string).slice(1);
    expect(evaluate(covered, { deferralPaidCents: 80000, instalment: { cumulativeCents: 80000 } }).value).toBe(true);
    expect(evaluate(covered, { deferralPaidCents: 79999, instalment: { cumulativeCents: 80000 } }).value).toBe(false);
    const deadline = (((byId('Event_InstalmentMissed')['eventDefinitions'] as El[])[0]['timeDate'] as El)['body'] as string).slice(1);
    expect((evaluate(deadline, { instalmentDeadline: '2027-01-03' }).value as { toISO(): string }).toISO()).toBe('2027-01-03T23:59:59.000+01:00');
  });

  it('should publish the unpaid rest as a debt.detected that recovery understands', () => {
    const task = byId('Activity_DebtBackToRecovery');
    const headers = Object.fromEntries(((one(task, 'zeebe:TaskHeaders')?.['values'] as El[]) ?? []).map((h) => [h['key'], h['value']]));
    expect(headers).toEqual({ messageName: 'debt.detected', timeToLive: 'PT1H' });
    const inputs = Object.fromEntries(mappings(task, 'inputParameters').map((m) => [m.target, m.source.slice(1)]));
    const vars = { enterpriseNumber: '0123456749', employerName: 'X', requestId: 'REQ-1', amountCents: 120000, deferralPaidCents: 10000 };
    expect(evaluate(inputs['correlationKey'] as string, vars).value).toBe('0123456749');
    expect(evaluate(inputs['messageId'] as string, vars).value).toBe('deferral-cancelled-REQ-1');
    expect(evaluate(inputs['messageVariables'] as string, vars).value).toEqual({
      enterpriseNumber: '0123456749', employerName: 'X', debtId: 'DEF-REQ-1', quarter: expect.stringMatching(/^\d{4}-Q[1-4]$/), debtCents: 110000, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('should route every decision of the forms to exactly one flow', () => {
    const route = (gatewayId: string, key: string, formId: string, extra: Record<string, unknown> = {}) => {
      const values = form(formId).components.find((c) => c.key === key)?.values?.map((v) => v.value) ?? [];
      const gateway = byId(gatewayId);
      const flows = gateway['outgoing'] as El[];
      const dflt = gateway['default'] as El | undefined;
      return values.map((value) => {
        const taken = flows.filter((f) => f !== dflt && evaluate(((f['conditionExpression'] as El)['body'] as string).slice(1), { [key]: value, ...extra }).value === true);
        return [value, (taken.length === 0 && dflt ? [dflt] : taken).map((f) => f.id)];
      });
    };
    expect(route('Gateway_Assessment', 'assessmentDecision', 'assess-deferral')).toEqual([
      ['approve', ['Flow_Approve']], ['reject', ['Flow_Reject']], ['ask-information', ['Flow_AskInformation']]]);
    expect(route('Gateway_AgreementApproved', 'agreementDecision', 'approve-agreement')).toEqual([['approve', ['Flow_AgreementApproved']], ['refuse', ['Flow_AgreementRefused']]]);
    expect(route('Gateway_FollowUp', 'missedDecision', 'missed-instalment')).toEqual([['extra-time', ['Flow_ExtraTime']], ['cancel', ['Flow_CancelPlan']]]);
  });

  it('should stamp the assessor and refuse the agreement approval to that same person (four-eyes)', () => {
    const assessedBy = form('assess-deferral').components.find((c) => c.key === 'assessedBy');
    expect(assessedBy).toMatchObject({ type: 'textfield', readonly: true });
    expect(FOUR_EYES_RULES).toContainEqual({ bpmnProcessId: 'payment-deferral', elementId: 'Activity_ApproveAgreement', notBy: 'assessedBy' });
  });

  it('should show the request in every form header, in euros with two decimals, in three languages', () => {
    const variables = { employerName: 'Bakkerij Peeters', enterpriseNumber: '0501184845', amountCents: 800005, requestedInstalments: 8, origin: 'request', reason: 'Seasonal.' };
    const render = (text: string) => text.replace(/\{\{(.*?)\}\}/g, (_m, expression: string) => String(evaluate(expression, variables).value));
    for (const id of ['assess-deferral', 'approve-agreement', 'missed-instalment']) {
      const { components, translations } = form(id);
      const header = components[0]?.text as string;
      expect([id, render(header)]).toEqual([id, '#### Bakkerij Peeters\nEnterprise number 0501.184.845\n\nRequested: **€ 8000.05** in 8 instalments · origin: request\n\nReason: Seasonal.']);
      expect(render(translations['nl']?.[header] as string)).toContain('Gevraagd: **€ 8000,05** in 8 schijven');
      expect(render(translations['fr']?.[header] as string)).toContain('Demandé : **€ 8000,05** en 8 échéances');
    }
  });
});
