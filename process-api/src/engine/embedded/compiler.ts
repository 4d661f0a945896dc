import type { DeploymentProblem } from '../process-engine';
import { extension, list, ref, str, type ModdleElement } from './bpmn-parser';
import { feelSyntaxError, isFeel } from './feel';
import type { FlowNode, Mapping, NodeType, ProcessGraph, SequenceFlow, TimerDefinition } from './model';
import { staticTimerProblem, type TimerKind } from './timer-expression';

export interface CompiledProcess {
  graph: ProcessGraph;
  /** formIds referenced by user tasks, with the element referencing each. */
  formRefs: { formId: string; elementId: string }[];
}

const SUPPORTED: Record<string, NodeType> = {
  'bpmn:StartEvent': 'startEvent', 'bpmn:EndEvent': 'endEvent', 'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent', 'bpmn:BoundaryEvent': 'boundaryEvent', 'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask', 'bpmn:ServiceTask': 'serviceTask', 'bpmn:SendTask': 'sendTask', 'bpmn:UserTask': 'userTask',
  'bpmn:ReceiveTask': 'receiveTask', 'bpmn:ExclusiveGateway': 'exclusiveGateway', 'bpmn:ParallelGateway': 'parallelGateway',
};
const IGNORED = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** Compiles one executable bpmn:Process into an execution graph, collecting every problem instead of stopping at the first. */
export function compileProcess(resource: string, process: ModdleElement): CompiledProcess {
  const problems: DeploymentProblem[] = [];
  const problem = (elementId: string | undefined, message: string) => problems.push({ resource, ...(elementId ? { elementId } : {}), message });
  const feel = (elementId: string, what: string, expression: string | undefined, mustBeFeel: boolean) => {
    if (expression === undefined || expression === '') return;
    if (!isFeel(expression)) {
      if (mustBeFeel) problem(elementId, `${what} must be a FEEL expression (starting with '=')`);
      return;
    }
    const error = feelSyntaxError(expression);
    if (error) problem(elementId, `${what}: invalid FEEL expression '${expression}': ${error}`);
  };

  const nodes: Record<string, FlowNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  const formRefs: { formId: string; elementId: string }[] = [];
  const messageStarts: ProcessGraph['messageStarts'] = [];
  let noneStartId: string | null = null;
  const id = str(process, 'id') ?? '';

  for (const element of list(process, 'flowElements')) {
    const elementId = element.id ?? '';
    if (element.$type === 'bpmn:SequenceFlow') {
      const condition = str(ref(element, 'conditionExpression'), 'body')?.trim();
      if (condition) feel(elementId, 'condition', condition, true);
      flows[elementId] = { id: elementId, source: ref(element, 'sourceRef')?.id ?? '', target: ref(element, 'targetRef')?.id ?? '', ...(condition ? { condition } : {}) };
      continue;
    }
    if (IGNORED.has(element.$type)) continue;
    const type = SUPPORTED[element.$type];
    if (!type) {
      problem(elementId, `element type ${element.$type.replace('bpmn:', '')} is not supported`);
      continue;
    }
    const node: FlowNode = {
      id: elementId, name: str(element, 'name') ?? null, type,
      incoming: list(element, 'incoming').map((f) => f.id ?? ''), outgoing: list(element, 'outgoing').map((f) => f.id ?? ''),
      inputs: [], outputs: [], boundaries: [],
    };
    if (list(element, 'loopCharacteristics').length > 0 || ref(element, 'loopCharacteristics')) problem(elementId, 'multi-instance and loops are not supported');
    compileMappings(element, node, feel);
    compileEvent(element, node, problem, feel);
    if (type === 'serviceTask' || type === 'sendTask') compileJob(element, node, problem, feel);
    if (type === 'receiveTask') compileMessage(ref(element, 'messageRef'), node, problem, feel);
    if (type === 'userTask') compileUserTask(element, node, problem, feel, formRefs);
    if (type === 'exclusiveGateway' || type === 'parallelGateway') {
      const def = ref(element, 'default')?.id;
      if (def) {
        if (!node.outgoing.includes(def)) problem(elementId, `default flow ${def} is not an outgoing flow of the gateway`);
        node.defaultFlow = def;
      }
    }
    if (type === 'boundaryEvent') {
      node.attachedTo = ref(element, 'attachedToRef')?.id;
      node.cancelActivity = element['cancelActivity'] !== false;
      if (!node.attachedTo) problem(elementId, 'boundary event is not attached to an activity');
      if (node.incoming.length > 0) problem(elementId, 'boundary event must not have incoming sequence flows');
      if (node.timer?.kind === 'cycle' && node.cancelActivity) problem(elementId, 'an interrupting timer boundary event cannot have a time cycle');
      if (!node.timer && !node.message && !node.catchesError) problem(elementId, 'boundary event must be a timer, message or error boundary event (others are not supported)');
      if (node.catchesError && !node.cancelActivity) problem(elementId, 'an error boundary event is always interrupting');
    }
    if (type === 'startEvent') {
      if (node.message) messageStarts.push({ elementId, messageName: node.message.name });
      else if (noneStartId) problem(elementId, 'a process may have only one none start event');
      else noneStartId = elementId;
    }
    nodes[elementId] = node;
  }

  for (const node of Object.values(nodes)) {
    if (node.type !== 'boundaryEvent' || !node.attachedTo) continue;
    const host = nodes[node.attachedTo];
    if (!host) problem(node.id, `boundary event is attached to unknown element ${node.attachedTo}`);
    else host.boundaries.push(node.id);
  }
  for (const host of Object.values(nodes)) {
    const codes = host.boundaries.map((b) => nodes[b]).filter((b) => b?.catchesError).map((b) => b?.errorCode ?? '*');
    for (const code of codes.filter((c, i) => codes.indexOf(c) !== i)) problem(host.id, `more than one error boundary catches '${code}'`);
  }
  for (const flow of Object.values(flows)) {
    if (!nodes[flow.source] || !nodes[flow.target]) problem(flow.id, 'sequence flow connects an unknown or unsupported element');
    if (flow.condition && nodes[flow.source] && nodes[flow.source]?.type !== 'exclusiveGateway') {
      problem(flow.id, 'conditional sequence flows are only supported on exclusive gateways');
    }
  }
  if (!noneStartId && messageStarts.length === 0) problem(id, 'the process has no supported start event');

  if (problems.length > 0) throw new CompileProblems(problems, formRefs);
  return { graph: { bpmnProcessId: id, name: str(process, 'name') ?? null, nodes, flows, noneStartId, messageStarts }, formRefs };
}

export class CompileProblems extends Error {
  constructor(
    readonly problems: DeploymentProblem[],
    readonly formRefs: CompiledProcess['formRefs'] = [],
  ) {
    super(`${problems.length} problem(s)`);
  }
}

type Problem = (elementId: string | undefined, message: string) => void;
type Feel = (elementId: string, what: string, expression: string | undefined, mustBeFeel: boolean) => void;

function compileMappings(element: ModdleElement, node: FlowNode, feel: Feel): void {
  const io = extension(element, 'zeebe:IoMapping');
  const read = (p: ModdleElement): Mapping => ({ source: str(p, 'source') ?? '', target: str(p, 'target') ?? '' });
  node.inputs = list(io, 'inputParameters').map(read);
  node.outputs = list(io, 'outputParameters').map(read);
  node.inputs.forEach((m) => feel(node.id, `input mapping '${m.target}'`, m.source, false));
  node.outputs.forEach((m) => feel(node.id, `output mapping '${m.target}'`, m.source, true));
}

function compileEvent(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length === 0) {
    if (node.type === 'intermediateCatchEvent') problem(node.id, 'an intermediate catch event needs a message or timer definition');
    return;
  }
  if (definitions.length > 1) {
    problem(node.id, 'events with more than one event definition are not supported');
    return;
  }
  const definition = definitions[0] as ModdleElement;
  const allowed: Partial<Record<NodeType, string[]>> = {
    startEvent: ['bpmn:MessageEventDefinition'],
    intermediateCatchEvent: ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition'],
    boundaryEvent: ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition'],
  };
  if (!(allowed[node.type] ?? []).includes(definition.$type)) {
    problem(node.id, `${definition.$type.replace('bpmn:', '')} on ${node.type} is not supported`);
    return;
  }
  if (definition.$type === 'bpmn:TimerEventDefinition') node.timer = compileTimer(definition, node, problem, feel);
  else if (definition.$type === 'bpmn:ErrorEventDefinition') {
    node.catchesError = true;
    const code = str(ref(definition, 'errorRef'), 'errorCode');
    if (code) node.errorCode = code;
  } else compileMessage(ref(definition, 'messageRef'), node, problem, feel);
}

function compileMessage(message: ModdleElement | undefined, node: FlowNode, problem: Problem, feel: Feel): void {
  const name = str(message, 'name');
  if (!message || !name) {
    problem(node.id, 'message reference with a name is required');
    return;
  }
  if (node.type === 'startEvent') {
    if (isFeel(name)) problem(node.id, 'a message start event needs a static message name');
    node.message = { name };
    return;
  }
  feel(node.id, 'message name', name, false);
  const correlationKey = str(extension(message, 'zeebe:Subscription'), 'correlationKey');
  if (!correlationKey) problem(node.id, `message ${name} needs a zeebe:subscription correlationKey`);
  else feel(node.id, 'correlation key', correlationKey, true);
  node.message = { name, ...(correlationKey ? { correlationKey } : {}) };
}

function compileTimer(definition: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): TimerDefinition | undefined {
  const kinds: [TimerKind, string][] = [['duration', 'timeDuration'], ['date', 'timeDate'], ['cycle', 'timeCycle']];
  for (const [kind, property] of kinds) {
    const expression = str(ref(definition, property), 'body')?.trim();
    if (!expression) continue;
    if (kind === 'cycle' && node.type === 'intermediateCatchEvent') problem(node.id, 'an intermediate timer catch event cannot have a time cycle');
    feel(node.id, 'timer', expression, false);
    const staticProblem = staticTimerProblem(kind, expression);
    if (staticProblem) problem(node.id, staticProblem);
    return { kind, expression };
  }
  problem(node.id, 'timer event needs a timeDuration, timeDate or timeCycle');
  return undefined;
}

function compileJob(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const type = str(definition, 'type');
  if (!type) {
    problem(node.id, 'zeebe:taskDefinition with a type is required');
    return;
  }
  const retries = str(definition, 'retries') ?? '3';
  feel(node.id, 'job type', type, false);
  feel(node.id, 'job retries', retries, false);
  if (!isFeel(retries) && !/^\d+$/.test(retries.trim())) problem(node.id, `job retries '${retries}' is not a number`);
  const headers: Record<string, string> = {};
  for (const h of list(extension(element, 'zeebe:TaskHeaders'), 'values')) headers[str(h, 'key') ?? ''] = str(h, 'value') ?? '';
  node.job = { type, retries, headers };
}

function compileUserTask(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel, formRefs: CompiledProcess['formRefs']): void {
  if (!extension(element, 'zeebe:UserTask')) {
    problem(node.id, 'job-based user tasks are not supported: add zeebe:userTask');
    return;
  }
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const priority = str(extension(element, 'zeebe:PriorityDefinition'), 'priority');
  const form = extension(element, 'zeebe:FormDefinition');
  const ut = {
    assignee: str(assignment, 'assignee'), candidateGroups: str(assignment, 'candidateGroups'), candidateUsers: str(assignment, 'candidateUsers'),
    dueDate: str(schedule, 'dueDate'), followUpDate: str(schedule, 'followUpDate'), priority, formId: str(form, 'formId'),
  };
  for (const [what, expression] of Object.entries(ut)) feel(node.id, what, expression, false);
  if (priority && !isFeel(priority) && !(/^\d+$/.test(priority) && Number(priority) <= 100)) problem(node.id, `priority '${priority}' must be an integer 0-100`);
  for (const date of [ut.dueDate, ut.followUpDate]) {
    if (date && !isFeel(date) && staticTimerProblem('date', date)) problem(node.id, `'${date}' is not an ISO 8601 date-time`);
  }
  if (form && (str(form, 'formKey') || str(form, 'externalReference'))) problem(node.id, 'only zeebe:formDefinition formId is supported');
  const bindingType = str(form, 'bindingType');
  if (bindingType && bindingType !== 'latest') problem(node.id, `form bindingType '${bindingType}' is not supported`);
  if (ut.formId) formRefs.push({ formId: ut.formId, elementId: node.id });
  node.userTask = Object.fromEntries(Object.entries(ut).filter(([, v]) => v !== undefined));
}
