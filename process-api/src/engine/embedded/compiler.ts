import type { DeploymentProblem } from '../process-engine';
import { extension, list, ref, str, type ModdleElement } from './bpmn-parser';
import { compileCall, compileEvent, compileLoop, compileJob, compileMappings, compileMessage, compileUserTask, type Feel, type Problem } from './compile-elements';
import { feelSyntaxError, isFeel } from './feel';
import type { FlowNode, NodeType, ProcessGraph, SequenceFlow } from './model';

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
  'bpmn:SubProcess': 'subProcess', 'bpmn:EventBasedGateway': 'eventBasedGateway', 'bpmn:CallActivity': 'callActivity', 'bpmn:InclusiveGateway': 'inclusiveGateway',
};
const IGNORED = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);
/** Why an element type is refused, for the types a modeller can draw. */
const UNSUPPORTED: Record<string, string> = {
  'bpmn:ScriptTask': 'script tasks are not supported by this engine: use a service task with a job worker',
  'bpmn:BusinessRuleTask': 'business rule tasks (DMN) are not supported by this engine: use a service task with a job worker',
  'bpmn:ComplexGateway': 'complex gateways are not supported (Zeebe refuses them too)',
  'bpmn:Transaction': 'transaction sub-processes are not supported (Zeebe refuses them too)',
  'bpmn:AdHocSubProcess': 'ad-hoc sub-processes are not supported by this engine',
};
/** Zeebe extension elements this engine reads, or ignores because they do not change execution. */
const KNOWN_EXTENSIONS = new Set([
  'zeebe:IoMapping', 'zeebe:TaskDefinition', 'zeebe:TaskHeaders', 'zeebe:UserTask', 'zeebe:AssignmentDefinition', 'zeebe:TaskSchedule',
  'zeebe:PriorityDefinition', 'zeebe:FormDefinition', 'zeebe:CalledElement', 'zeebe:Properties', 'zeebe:VersionTag', 'zeebe:UserTaskForm',
]);
const EXTENSION_NAMES: Record<string, string> = {
  'zeebe:ExecutionListeners': 'execution listeners', 'zeebe:TaskListeners': 'task listeners', 'zeebe:JobPriorityDefinition': 'job priorities',
  'zeebe:LinkedResources': 'linked resources', 'zeebe:CalledDecision': 'called decisions', 'zeebe:Script': 'scripts', 'zeebe:AdHoc': 'ad-hoc sub-processes',
};

/** Every Zeebe extension this engine would silently ignore is refused instead, by element id. */
function checkExtensions(element: ModdleElement, problem: (elementId: string | undefined, message: string) => void): void {
  for (const value of list(ref(element, 'extensionElements'), 'values')) {
    if (!value.$type.startsWith('zeebe:') || KNOWN_EXTENSIONS.has(value.$type)) continue;
    const name = value.$type.replace('zeebe:', '');
    problem(element.id, `zeebe:${name[0]?.toLowerCase()}${name.slice(1)} (${EXTENSION_NAMES[value.$type] ?? 'this extension'}) is not supported by this engine`);
  }
}

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
  const id = str(process, 'id') ?? '';
  checkExtensions(process, problem);

  const walk = (container: ModdleElement, parentId: string | null) => {
    for (const element of list(container, 'flowElements')) {
      const node = compileElement(element, parentId, { problem, feel, flows, formRefs });
      if (!node) continue;
      nodes[node.id] = node;
      if (node.type === 'subProcess') walk(element, node.id);
    }
  };
  walk(process, null);

  const graph: ProcessGraph = { bpmnProcessId: id, name: str(process, 'name') ?? null, nodes, flows, noneStartId: null, messageStarts: [], timerStarts: [], eventSubProcesses: [] };
  linkScopes(graph, id, problem);
  for (const node of Object.values(nodes)) {
    if (node.type !== 'boundaryEvent' || !node.attachedTo) continue;
    const host = nodes[node.attachedTo];
    if (!host) problem(node.id, `boundary event is attached to unknown element ${node.attachedTo}`);
    else host.boundaries.push(node.id);
    if (host && node.catchesEscalation && host.type !== 'subProcess' && host.type !== 'callActivity') {
      problem(node.id, 'an escalation boundary event can only be attached to a sub-process or a call activity');
    }
  }
  for (const host of Object.values(nodes)) {
    const codes = host.boundaries.map((b) => nodes[b]).filter((b) => b?.catchesError).map((b) => b?.errorCode ?? '*');
    for (const code of codes.filter((c, i) => codes.indexOf(c) !== i)) problem(host.id, `more than one error boundary catches '${code}'`);
    const escalations = host.boundaries.map((b) => nodes[b]).filter((b) => b?.catchesEscalation).map((b) => b?.escalationCode ?? '*');
    for (const code of escalations.filter((c, i) => escalations.indexOf(c) !== i)) problem(host.id, `more than one escalation boundary catches '${code}'`);
  }
  linkEvents(Object.values(nodes), problem);
  for (const flow of Object.values(flows)) {
    if (!nodes[flow.source] || !nodes[flow.target]) problem(flow.id, 'sequence flow connects an unknown or unsupported element');
    const sourceType = nodes[flow.source]?.type;
    if (flow.condition && sourceType && sourceType !== 'exclusiveGateway' && sourceType !== 'inclusiveGateway') {
      problem(flow.id, 'conditional sequence flows are only supported on exclusive and inclusive gateways');
    }
  }

  for (const gateway of Object.values(nodes).filter((n) => n.type === 'inclusiveGateway' && n.outgoing.length > 1)) {
    for (const flowId of gateway.outgoing.filter((f) => f !== gateway.defaultFlow && !flows[f]?.condition)) {
      problem(flowId, `every outgoing flow of inclusive gateway ${gateway.id} except the default needs a condition`);
    }
  }
  for (const gateway of Object.values(nodes).filter((n) => n.type === 'eventBasedGateway')) {
    if (gateway.outgoing.length < 2) problem(gateway.id, 'an event-based gateway needs at least two outgoing flows');
    for (const flowId of gateway.outgoing) {
      const target = nodes[flows[flowId]?.target ?? ''];
      if (target && (target.type !== 'intermediateCatchEvent' || target.incoming.length !== 1)) {
        problem(gateway.id, `flow ${flowId} of an event-based gateway must lead to a message or timer catch event with no other incoming flow`);
      }
    }
  }

  if (problems.length > 0) throw new CompileProblems(problems, formRefs);
  return { graph, formRefs };
}

interface CompileContext {
  problem: Problem;
  feel: Feel;
  flows: Record<string, SequenceFlow>;
  formRefs: { formId: string; elementId: string }[];
}

function compileElement(element: ModdleElement, parentId: string | null, { problem, feel, flows, formRefs }: CompileContext): FlowNode | null {
  const elementId = element.id ?? '';
  if (element.$type === 'bpmn:SequenceFlow') {
    const condition = str(ref(element, 'conditionExpression'), 'body')?.trim();
    if (condition) feel(elementId, 'condition', condition, true);
    flows[elementId] = { id: elementId, source: ref(element, 'sourceRef')?.id ?? '', target: ref(element, 'targetRef')?.id ?? '', ...(condition ? { condition } : {}) };
    return null;
  }
  if (IGNORED.has(element.$type)) return null;
  const type = SUPPORTED[element.$type];
  if (!type) {
    problem(elementId, UNSUPPORTED[element.$type] ?? `element type ${element.$type.replace('bpmn:', '')} is not supported`);
    return null;
  }
  checkExtensions(element, problem);
  const node: FlowNode = {
    id: elementId, name: str(element, 'name') ?? null, type, parentId,
    incoming: list(element, 'incoming').map((f) => f.id ?? ''), outgoing: list(element, 'outgoing').map((f) => f.id ?? ''),
    inputs: [], outputs: [], boundaries: [],
  };
  compileMappings(element, node, feel, problem);
  compileEvent(element, node, problem, feel);
  if (type === 'serviceTask' || type === 'sendTask' || node.throwsMessage) compileJob(element, node, problem, feel);
  if (type === 'startEvent' && extension(element, 'zeebe:FormDefinition')) problem(elementId, 'start event forms (zeebe:formDefinition on a start event) are not supported');
  if (type === 'receiveTask') compileMessage(ref(element, 'messageRef'), node, problem, feel);
  if (type === 'receiveTask' && element['instantiate'] === true) problem(elementId, 'instantiating receive tasks are not supported (Zeebe refuses them too): use a message start event');
  if (type === 'userTask') compileUserTask(element, node, problem, feel, formRefs);
  if (type === 'callActivity') compileCall(element, node, problem, feel);
  compileLoop(element, node, problem, feel);
  if (type === 'subProcess') {
    node.triggeredByEvent = element['triggeredByEvent'] === true;
    node.eventSubProcesses = [];
  }
  if (type === 'startEvent') node.interrupting = element['isInterrupting'] !== false;
  if (type === 'exclusiveGateway' || type === 'parallelGateway' || type === 'inclusiveGateway') {
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
    if (!node.timer && !node.message && !node.catchesError && !node.catchesEscalation) problem(elementId, 'boundary event must be a timer, message, error or escalation boundary event (others are not supported)');
    if (node.catchesError && !node.cancelActivity) problem(elementId, 'an error boundary event is always interrupting');
  }
  return node;
}

/** Start events per scope: the process (none / message starts), embedded sub-processes (one none start) and event sub-processes. */
function linkScopes(graph: ProcessGraph, processId: string, problem: Problem): void {
  const starts = Object.values(graph.nodes).filter((n) => n.type === 'startEvent');
  for (const start of starts.filter((s) => s.parentId === null)) {
    if (start.refusedEvent) continue;
    if (start.catchesEscalation) problem(start.id, 'an escalation start event is only allowed in an event sub-process');
    else if (start.catchesError) problem(start.id, 'an error start event is only allowed in an event sub-process');
    else if (start.timer?.kind === 'duration') problem(start.id, 'a timer start event needs a timeDate or a timeCycle (a timeDuration is not allowed here)')
    else if (start.timer) graph.timerStarts.push({ elementId: start.id, timer: start.timer });
    else if (start.message) graph.messageStarts.push({ elementId: start.id, messageName: start.message.name });
    else if (graph.noneStartId) problem(start.id, 'a process may have only one none start event');
    else graph.noneStartId = start.id;
  }
  if (!graph.noneStartId && graph.messageStarts.length === 0 && graph.timerStarts.length === 0 && !starts.some((s) => s.parentId === null && s.refusedEvent)) {
    problem(processId, 'the process has no supported start event');
  }
  for (const scope of Object.values(graph.nodes).filter((n) => n.type === 'subProcess')) {
    const own = starts.filter((s) => s.parentId === scope.id);
    if (own.length !== 1) {
      problem(scope.id, `a sub-process needs exactly one start event (found ${own.length})`);
      continue;
    }
    const start = own[0] as FlowNode;
    scope.startId = start.id;
    if (!scope.triggeredByEvent) {
      if (start.timer || start.message || start.catchesEscalation || start.catchesError) problem(start.id, 'the start event of an embedded sub-process must be a none start event');
      continue;
    }
    if (!start.refusedEvent && !start.timer && !start.message && !start.catchesEscalation && !start.catchesError) problem(start.id, 'the start event of an event sub-process must be a message, timer, error or escalation start event');
    if (start.catchesError && !start.interrupting) problem(start.id, 'an error start event is always interrupting');
    if (start.timer?.kind === 'cycle' && start.interrupting) problem(start.id, 'an interrupting timer start event cannot have a time cycle');
    if (scope.incoming.length > 0 || scope.outgoing.length > 0) problem(scope.id, 'an event sub-process has no sequence flows');
    const parent = scope.parentId ? graph.nodes[scope.parentId] : null;
    const siblings = (parent ? (parent.eventSubProcesses ?? []) : graph.eventSubProcesses).map((id) => graph.nodes[graph.nodes[id]?.startId ?? '']);
    if (start.catchesEscalation && siblings.some((s) => s?.catchesEscalation && s.escalationCode === start.escalationCode)) {
      problem(start.id, `more than one escalation event sub-process catches '${start.escalationCode ?? '*'}' in this scope`);
    }
    if (start.catchesError && siblings.some((s) => s?.catchesError && s.errorCode === start.errorCode)) {
      problem(start.id, `more than one error event sub-process catches '${start.errorCode ?? '*'}' in this scope`);
    }
    if (parent) parent.eventSubProcesses = [...(parent.eventSubProcesses ?? []), scope.id];
    else graph.eventSubProcesses.push(scope.id);
  }
}

/** A link throw jumps to the one link catch of the same name in its own scope. */
function linkEvents(nodes: FlowNode[], problem: Problem): void {
  const catches = nodes.filter((n) => n.linkName !== undefined);
  for (const c of catches) {
    if (catches.some((o) => o !== c && o.parentId === c.parentId && o.linkName === c.linkName && o.id < c.id)) problem(c.id, `more than one link catch event is named '${c.linkName}' in this scope`);
  }
  for (const t of nodes.filter((n) => n.linkTo !== undefined)) {
    const target = catches.find((c) => c.parentId === t.parentId && c.linkName === t.linkTo);
    if (!target) problem(t.id, `no link catch event named '${t.linkTo}' in the scope of this link throw event`);
    else t.linkTarget = target.id;
  }
}

export class CompileProblems extends Error {
  constructor(
    readonly problems: DeploymentProblem[],
    readonly formRefs: CompiledProcess['formRefs'] = [],
  ) {
    super(`${problems.length} problem(s)`);
  }
}

