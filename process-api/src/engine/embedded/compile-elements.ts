import { extension, list, ref, str, type ModdleElement } from './bpmn-parser';
import { isFeel } from './feel';
import type { FlowNode, Mapping, NodeType, TimerDefinition } from './model';
import { staticTimerProblem, type TimerKind } from './timer-expression';

/** Per-element compilation of the Zeebe extensions: mappings, events, jobs and user tasks. */
export type Problem = (elementId: string | undefined, message: string) => void;
export type Feel = (elementId: string, what: string, expression: string | undefined, mustBeFeel: boolean) => void;

const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const FEEL_KEYWORDS = new Set(['null', 'true', 'false', 'function', 'if', 'then', 'else', 'for', 'return', 'in', 'some', 'every', 'satisfies', 'and', 'or', 'between', 'instance', 'of']);

export function compileMappings(element: ModdleElement, node: FlowNode, feel: Feel, problem: Problem): void {
  const io = extension(element, 'zeebe:IoMapping');
  const read = (p: ModdleElement): Mapping => ({ source: str(p, 'source') ?? '', target: str(p, 'target') ?? '' });
  node.inputs = list(io, 'inputParameters').map(read);
  node.outputs = list(io, 'outputParameters').map(read);
  for (const { target } of [...node.inputs, ...node.outputs]) {
    // A target is a variable name or a path `a.b` into a context (Zeebe refuses anything else at deploy).
    if (!target.split('.').every((part) => NAME.test(part) && !FEEL_KEYWORDS.has(part))) problem(node.id, `mapping target '${target}' is not a variable name or a path of names`);
  }
  node.inputs.forEach((m) => feel(node.id, `input mapping '${m.target}'`, m.source, false));
  node.outputs.forEach((m) => feel(node.id, `output mapping '${m.target}'`, m.source, true));
}

export function compileEvent(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const definitions = list(element, 'eventDefinitions');
  if (definitions.length === 0) {
    if (node.type === 'intermediateCatchEvent') problem(node.id, 'an intermediate catch event needs a message or timer definition');
    return;
  }
  if (definitions.length > 1) {
    problem(node.id, 'events with more than one event definition are not supported');
    node.refusedEvent = true;
    return;
  }
  const definition = definitions[0] as ModdleElement;
  const allowed: Partial<Record<NodeType, string[]>> = {
    startEvent: ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:ErrorEventDefinition'],
    intermediateCatchEvent: ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:LinkEventDefinition'],
    intermediateThrowEvent: ['bpmn:EscalationEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:LinkEventDefinition'],
    endEvent: ['bpmn:TerminateEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:MessageEventDefinition'],
    boundaryEvent: ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition'],
  };
  if (!(allowed[node.type] ?? []).includes(definition.$type)) {
    const kind = definition.$type.replace('bpmn:', '').replace('EventDefinition', '');
    problem(node.id, `${UNSUPPORTED_EVENTS[kind] ?? `${kind.toLowerCase()} events are not supported`} (${kind} ${node.type})`);
    node.refusedEvent = true;
    return;
  }
  if (definition.$type === 'bpmn:LinkEventDefinition') {
    const name = str(definition, 'name');
    if (!name) problem(node.id, 'a link event needs a name');
    else if (node.type === 'intermediateThrowEvent') node.linkTo = name;
    else node.linkName = name;
    return;
  }
  if (definition.$type === 'bpmn:MessageEventDefinition' && (node.type === 'intermediateThrowEvent' || node.type === 'endEvent')) {
    // Zeebe: a message throw/end event is job-based, like a send task (compileJob requires the zeebe:taskDefinition).
    node.throwsMessage = true;
    return;
  }
  if (definition.$type === 'bpmn:EscalationEventDefinition') {
    const code = str(ref(definition, 'escalationRef'), 'escalationCode');
    if (code && isFeel(code)) problem(node.id, 'FEEL escalation codes are not supported');
    if (node.type === 'intermediateThrowEvent' || node.type === 'endEvent') {
      if (!code) problem(node.id, 'an escalation throw event needs an escalation with an escalationCode');
      else node.throwsEscalationCode = code;
    } else {
      node.catchesEscalation = true;
      if (code) node.escalationCode = code;
    }
  } else if (definition.$type === 'bpmn:TimerEventDefinition') node.timer = compileTimer(definition, node, problem, feel);
  else if (definition.$type === 'bpmn:TerminateEventDefinition') node.terminate = true;
  else if (definition.$type === 'bpmn:ErrorEventDefinition' && node.type === 'endEvent') {
    const code = str(ref(definition, 'errorRef'), 'errorCode');
    if (!code) problem(node.id, 'an error end event needs an error with an errorCode');
    else if (isFeel(code)) problem(node.id, 'FEEL error codes on error end events are not supported');
    else node.throwsErrorCode = code;
  } else if (definition.$type === 'bpmn:ErrorEventDefinition') {
    node.catchesError = true;
    const code = str(ref(definition, 'errorRef'), 'errorCode');
    if (code) node.errorCode = code;
  } else compileMessage(ref(definition, 'messageRef'), node, problem, feel);
}

/** Why an event definition is refused where it is not supported, by definition kind. */
const UNSUPPORTED_EVENTS: Record<string, string> = {
  Signal: 'signal events are not supported by this engine',
  Compensate: 'compensation events are not supported by this engine',
  Conditional: 'conditional events are not supported (Zeebe supports them from 8.9 only)',
  Cancel: 'cancel events are not supported (Zeebe refuses them too)',
  Escalation: 'escalation events are only supported as throw/end events, boundary events on sub-processes and call activities, and event sub-process starts',
  Message: 'message events are not supported at this position',
  Timer: 'timer events are not supported at this position',
  Terminate: 'terminate is only supported on end events',
  Link: 'link events are only intermediate catch or throw events',
};

export function compileMessage(message: ModdleElement | undefined, node: FlowNode, problem: Problem, feel: Feel): void {
  const name = str(message, 'name');
  if (!message || !name) {
    problem(node.id, 'message reference with a name is required');
    return;
  }
  if (node.type === 'startEvent' && node.parentId === null) {
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

export function compileTimer(definition: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): TimerDefinition | undefined {
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

export function compileJob(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const type = str(definition, 'type');
  if (!type) {
    problem(node.id, 'zeebe:taskDefinition with a type is required');
    return;
  }
  // An empty retries attribute (as some Modeler versions write it) means the default, as in Zeebe.
  const retries = str(definition, 'retries')?.trim() || '3';
  feel(node.id, 'job type', type, false);
  feel(node.id, 'job retries', retries, false);
  if (!isFeel(retries) && !/^\d+$/.test(retries.trim())) problem(node.id, `job retries '${retries}' is not a number`);
  const headers: Record<string, string> = {};
  for (const h of list(extension(element, 'zeebe:TaskHeaders'), 'values')) headers[str(h, 'key') ?? ''] = str(h, 'value') ?? '';
  node.job = { type, retries, headers };
}

export function compileUserTask(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel, formRefs: { formId: string; elementId: string }[]): void {
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

/** `zeebe:calledElement`: processId (static or FEEL), bindingType latest/deployment, propagation flags (both default true). */
export function compileCall(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const called = extension(element, 'zeebe:CalledElement');
  const processId = str(called, 'processId');
  if (!processId) {
    problem(node.id, 'zeebe:calledElement with a processId is required');
    return;
  }
  feel(node.id, 'called processId', processId, false);
  const bindingType = str(called, 'bindingType') ?? 'latest';
  if (bindingType !== 'latest' && bindingType !== 'deployment') {
    problem(node.id, `calledElement bindingType '${bindingType}' is not supported (latest or deployment)`);
    return;
  }
  node.call = {
    processId, bindingType,
    propagateAllParentVariables: called?.['propagateAllParentVariables'] !== false,
    // zeebe-bpmn-moddle gives no default; the engine's default is true.
    propagateAllChildVariables: called?.['propagateAllChildVariables'] !== false,
  };
}

const MULTI_INSTANCE_HOSTS: NodeType[] = ['task', 'manualTask', 'serviceTask', 'sendTask', 'userTask', 'receiveTask', 'subProcess', 'callActivity'];

/** Multi-instance: inputCollection required, the output pair complete or absent; standard loops are refused. */
export function compileLoop(element: ModdleElement, node: FlowNode, problem: Problem, feel: Feel): void {
  const loop = ref(element, 'loopCharacteristics');
  if (!loop) return;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    problem(node.id, 'standard loops are not supported: use multi-instance');
    return;
  }
  if (!MULTI_INSTANCE_HOSTS.includes(node.type) || element['triggeredByEvent'] === true) {
    problem(node.id, `multi-instance is not supported on ${node.type}`);
    return;
  }
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const inputCollection = str(zeebe, 'inputCollection');
  const outputCollection = str(zeebe, 'outputCollection');
  const outputElement = str(zeebe, 'outputElement');
  const completionCondition = str(ref(loop, 'completionCondition'), 'body')?.trim();
  const inputElement = str(zeebe, 'inputElement');
  if (!inputCollection) problem(node.id, 'multi-instance needs a zeebe:loopCharacteristics inputCollection');
  feel(node.id, 'inputCollection', inputCollection, true);
  if (!outputCollection !== !outputElement) problem(node.id, 'multi-instance outputCollection and outputElement must be set together');
  feel(node.id, 'outputElement', outputElement, true);
  feel(node.id, 'completionCondition', completionCondition, true);
  for (const [what, name] of [['inputElement', inputElement], ['outputCollection', outputCollection]]) {
    if (name && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problem(node.id, `multi-instance ${what} '${name}' is not a variable name`);
  }
  node.multiInstance = {
    sequential: loop['isSequential'] === true, inputCollection: inputCollection ?? '',
    ...(inputElement ? { inputElement } : {}), ...(outputCollection ? { outputCollection } : {}),
    ...(outputElement ? { outputElement } : {}), ...(completionCondition ? { completionCondition } : {}),
  };
}
