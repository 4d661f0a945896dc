/*
 * Static checks of inspection.bpmn and its forms (models.spec.ts checks every form's translations and rules): what the
 * scenarios, the task API and recovery rely on, so an edit in the modeler cannot silently break them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { evaluate, parseExpression } from '@bpmn-io/feelin';

interface El {
  $type: string;
  id?: string;
  name?: string;
  [prop: string]: unknown;
}
interface FormComponent {
  key?: string;
  path?: string;
  type: string;
  values?: { value: string }[];
  components?: FormComponent[];
  conditional?: { hide?: string };
}

const xml = readFileSync(join(__dirname, 'inspection.bpmn'), 'utf8');
const form = (id: string): FormComponent[] => JSON.parse(readFileSync(join(__dirname, `${id}.form`), 'utf8')).components;
const flatten = (cs: FormComponent[]): FormComponent[] => cs.flatMap((c) => [c, ...flatten(c.components ?? [])]);
const ext = (el: El, type: string): El[] =>
  (((el['extensionElements'] as El | undefined)?.['values'] as El[] | undefined) ?? []).filter((v) => v.$type === type);
const one = (el: El, type: string): El | undefined => ext(el, type)[0];
const allFlowElements = (scope: El): El[] => ((scope['flowElements'] as El[] | undefined) ?? []).flatMap((e) => [e, ...allFlowElements(e)]);
const mapping = (el: El, kind: 'inputParameters' | 'outputParameters'): Record<string, string> =>
  Object.fromEntries(((one(el, 'zeebe:IoMapping')?.[kind] as El[] | undefined) ?? []).map((m) => [m['target'] as string, (m['source'] as string).slice(1)]));
const run = (expressions: Record<string, string>, context: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(expressions).map(([target, source]) => [target, evaluate(source, context).value]));

describe('inspection.bpmn', () => {
  let definitions: El;
  let warnings: unknown[];
  let process: El;
  let elements: El[];
  const byId = (id: string) => elements.find((e) => e.id === id) as El;

  beforeAll(async () => {
    const result = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml, 'bpmn:Definitions');
    definitions = result.rootElement as unknown as El;
    warnings = result.warnings;
    process = (definitions['rootElements'] as El[]).find((e) => e.$type === 'bpmn:Process') as El;
    elements = allFlowElements(process);
  });

  it('should parse with the Zeebe extension without warnings, with a DI shape or edge for every element', () => {
    expect(warnings).toEqual([]);
    expect([process.id, process.name]).toEqual(['inspection', 'Inspection']);
    const plane = ((definitions['diagrams'] as El[])[0]['plane'] as El)['planeElement'] as El[];
    const drawn = new Set(plane.map((p) => (p['bpmnElement'] as El).id));
    expect(elements.filter((e) => !drawn.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('should start on a fraud signal, a recovery request or by hand, and join further ones to the open case', () => {
    const starts = (process['flowElements'] as El[]).filter((e) => e.$type === 'bpmn:StartEvent');
    const messageOf = (e: El) => (((e['eventDefinitions'] as El[] | undefined) ?? [])[0]?.['messageRef'] as El | undefined);
    expect(starts.map((s) => messageOf(s)?.name ?? 'none')).toEqual(['fraud.signal', 'inspection.requested', 'none']);
    for (const id of ['StartEvent_FurtherSignal', 'StartEvent_FurtherRequest']) {
      const start = byId(id);
      expect(start['isInterrupting']).toBe(false);
      expect(one(messageOf(start) as El, 'zeebe:Subscription')?.['correlationKey']).toBe('=enterpriseNumber');
    }
    // The case's lists grow with each further signal; its own names never collide with the message's variables.
    const started = run(mapping(byId('StartEvent_FraudSignal'), 'outputParameters'), { enterpriseNumber: '0123456749', signalId: 'S-1', fraudScore: 0.4, indicators: ['A'] });
    expect(started).toEqual({ enterpriseNumber: '0123456749', origin: 'fraud-signal', signals: [{ signalId: 'S-1', fraudScore: 0.4, indicators: ['A'] }], riskIndicators: ['A'], maxFraudScore: 0.4, requests: [] });
    const joined = run(mapping(byId('StartEvent_FurtherSignal'), 'outputParameters'), { ...started, signalId: 'S-2', fraudScore: 0.9, indicators: ['A', 'B'] });
    expect(joined).toEqual({ signals: [...(started['signals'] as unknown[]), { signalId: 'S-2', fraudScore: 0.9, indicators: ['A', 'B'] }], riskIndicators: ['A', 'B'], maxFraudScore: 0.9 });
  });

  it('should give every user task a Zeebe user task, an inspection group, a due date and its form', () => {
    const tasks = elements.filter((e) => e.$type === 'bpmn:UserTask').map((t) => [t.name, one(t, 'zeebe:AssignmentDefinition')?.['candidateGroups'],
      one(t, 'zeebe:AssignmentDefinition')?.['assignee'] ?? null, one(t, 'zeebe:FormDefinition')?.['formId'], one(t, 'zeebe:TaskSchedule')?.['dueDate'], !!one(t, 'zeebe:UserTask')]);
    expect(tasks).toEqual([
      ['Triage', 'inspection-leads', null, 'triage-signal', '=string(now() + duration("P5D"))', true],
      ['Investigate', 'inspectors', '=inspector', 'investigate', '=string(now() + duration("P30D"))', true],
      ['Report', 'inspectors', '=inspector', 'inspection-report', '=string(now() + duration("P10D"))', true],
    ]);
  });

  it('should route every triage decision and every shared outcome code of the forms to exactly one flow', () => {
    const routes = (gatewayId: string, key: string, formId: string) => {
      const values = flatten(form(formId)).find((c) => c.key === key)?.values?.map((v) => v.value) ?? [];
      const conditions = (byId(gatewayId)['outgoing'] as El[]).map((f) => ((f['conditionExpression'] as El)['body'] as string).slice(1));
      return values.map((value) => [value, conditions.filter((c) => evaluate(c, { [key]: value }).value === true).length]);
    };
    expect(routes('Gateway_TriageDecision', 'triageDecision', 'triage-signal')).toEqual([['investigate', 1], ['dismiss', 1]]);
    expect(routes('Gateway_Outcome', 'outcomeCode', 'inspection-report')).toEqual([['none', 1], ['regularisation', 1], ['official-report', 1]]);
  });

  it('should publish the regularisation as debt.detected with a message id and a time to live', () => {
    const send = byId('Activity_SendRegularisation');
    expect(one(send, 'zeebe:TaskDefinition')?.['type']).toBe('werkbank.publish-message');
    const headers = Object.fromEntries(((one(send, 'zeebe:TaskHeaders')?.['values'] as El[]) ?? []).map((h) => [h['key'], h['value']]));
    expect(headers).toEqual({ messageName: 'debt.detected', timeToLive: 'P1D' });
    const inputs = run(mapping(send, 'inputParameters'), { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', inspectionId: 'INS-42', regularisationCents: 250000, regularisationQuarter: '2026-Q2' });
    expect(inputs).toEqual({ correlationKey: '0123456749', messageId: 'REG-INS-42', messageVariables: {
      enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters', debtId: 'REG-INS-42', quarter: '2026-Q2', debtCents: 250000, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
  });

  it('should contain only FEEL expressions that parse', () => {
    const expressions = [...xml.matchAll(/(?:source|correlationKey|dueDate|assignee)="(=[^"]*)"|<bpmn:conditionExpression[^>]*>(=[^<]*)</g)]
      .map((m) => (m[1] ?? m[2]).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').slice(1));
    expect(expressions.length).toBeGreaterThan(30);
    const errors: string[] = [];
    for (const e of expressions) parseExpression(e, {}, undefined).iterate({ enter: (n) => void (n.type.isError && errors.push(e)) });
    expect(errors).toEqual([]);
  });

  it('should ask only for the fields of the chosen decision and outcome', () => {
    const hidden = (formId: string, key: string, data: Record<string, unknown>) =>
      evaluate((flatten(form(formId)).find((c) => (c.key ?? c.path) === key)?.conditional?.hide as string).slice(1), data).value;
    expect(['inspector', 'dismissalReason', 'dismissalMotivation'].map((k) => hidden('triage-signal', k, { triageDecision: 'investigate' }))).toEqual([false, true, true]);
    expect(['regularisationCents', 'regularisationQuarter', 'officialReportReference'].map((k) => hidden('inspection-report', k, { outcomeCode: 'official-report' }))).toEqual([true, true, false]);
    expect(flatten(form('investigate')).find((c) => c.path === 'evidence')?.type).toBe('dynamiclist');
  });
});
