/** The execution graph a deployed process compiles to: plain data, no moddle objects. */
import type { TimerKind } from './timer-expression';

export interface Mapping {
  source: string;
  target: string;
}

export type NodeType =
  | 'startEvent' | 'endEvent' | 'intermediateThrowEvent' | 'intermediateCatchEvent' | 'boundaryEvent'
  | 'task' | 'manualTask' | 'serviceTask' | 'sendTask' | 'userTask' | 'receiveTask'
  | 'exclusiveGateway' | 'parallelGateway' | 'eventBasedGateway' | 'subProcess' | 'callActivity' | 'inclusiveGateway';

export interface JobDefinition {
  type: string;
  retries: string;
  headers: Record<string, string>;
}

export interface UserTaskDefinition {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formId?: string;
}

export interface MessageDefinition {
  name: string;
  /** FEEL; absent on message start events. */
  correlationKey?: string;
}

/** Call activity (`zeebe:calledElement`): the child process id (static or FEEL) and the variable propagation flags. */
export interface CallDefinition {
  processId: string;
  bindingType: 'latest' | 'deployment';
  propagateAllParentVariables: boolean;
  propagateAllChildVariables: boolean;
}

/** Multi-instance marker (`zeebe:loopCharacteristics`); boundaries attach to the body, mappings run per iteration. */
export interface MultiInstanceDefinition {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface TimerDefinition {
  kind: TimerKind;
  expression: string;
}

export interface FlowNode {
  id: string;
  name: string | null;
  type: NodeType;
  /** The (event) sub-process containing this element; null at process level. */
  parentId: string | null;
  /** Sub-process: its start event; for an event sub-process, the start that triggers it. */
  startId?: string;
  /** Event sub-processes declared directly in this sub-process. */
  eventSubProcesses?: string[];
  triggeredByEvent?: boolean;
  /** Start event of an event sub-process: whether it interrupts its enclosing scope (default true). */
  interrupting?: boolean;
  incoming: string[];
  outgoing: string[];
  inputs: Mapping[];
  outputs: Mapping[];
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  message?: MessageDefinition;
  timer?: TimerDefinition;
  call?: CallDefinition;
  multiInstance?: MultiInstanceDefinition;
  /** Error boundary: the caught code; undefined with `catchesError` = catch-all. */
  errorCode?: string;
  catchesError?: boolean;
  /** End events: terminate the enclosing scope, or throw this BPMN error code. */
  terminate?: boolean;
  throwsErrorCode?: string;
  /** Message intermediate throw or end event: job-based, like a send task. */
  throwsMessage?: boolean;
  /** Link events: a throw jumps to the catch of the same name in its scope (resolved at compile: `linkTarget`). */
  linkTo?: string;
  linkName?: string;
  linkTarget?: string;
  /** Its event definition was refused: it is not a none event either (no follow-up problems about it). */
  refusedEvent?: boolean;
  /** Escalation: the code a throw/end event raises; a catcher's code (undefined with `catchesEscalation` = catch-all). */
  throwsEscalationCode?: string;
  catchesEscalation?: boolean;
  escalationCode?: string;
  /** Boundary event ids attached to this activity. */
  boundaries: string[];
  attachedTo?: string;
  cancelActivity?: boolean;
  defaultFlow?: string;
}

export interface SequenceFlow {
  id: string;
  source: string;
  target: string;
  condition?: string;
}

export interface ProcessGraph {
  bpmnProcessId: string;
  name: string | null;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  noneStartId: string | null;
  messageStarts: { elementId: string; messageName: string }[];
  /** Process-level timer start events (scheduled at deployment). */
  timerStarts: { elementId: string; timer: TimerDefinition }[];
  /** Event sub-processes at process level (subscribed when the instance starts). */
  eventSubProcesses: string[];
}

