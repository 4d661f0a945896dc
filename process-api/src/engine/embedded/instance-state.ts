/** In-memory state of one process instance and the effects a command produced on it: the interpreter's world, no DB. */
import type { EngineRecord, Variables } from '../process-engine';

export interface ElementInstance {
  key: string;
  elementId: string;
  elementType: string;
  /** Enclosing element instance (the process instance key for top-level elements); null for the process itself. */
  scopeKey: string | null;
  /** Parallel join: the incoming flows already taken; after an incident, the step to retry on resolve. */
  data: {
    arrived?: string[];
    failedPhase?: 'activate' | 'complete';
    /** Call activity: the child instance it waits for. */
    calledInstanceKey?: string;
    /** Process element of a called instance: the call activity waiting for it. */
    parentInstanceKey?: string;
    parentElementInstanceKey?: string;
    /** Multi-instance body: the input collection evaluated at activation, the next index to start and the counters. */
    mi?: { items: unknown[]; next: number; completed: number; terminated: number; outputs?: unknown[] };
  };
}

export interface InstanceState {
  key: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  rootProcessInstanceKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED';
  correlationTag: string | null;
  elements: Map<string, ElementInstance>;
  /** Variables per scope key (element instance key; the instance key is the root scope). */
  variables: Map<string, Variables>;
}

export interface NewJob {
  key: string;
  type: string;
  retries: number;
  elementInstanceKey: string;
  elementId: string;
  customHeaders: Record<string, string>;
}

export interface NewTimer {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  dueAt: Date;
  repetitions: number | null;
  interval: string | null;
}

export interface NewSubscription {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

export interface NewUserTask {
  key: string;
  elementId: string;
  elementInstanceKey: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  /** What the task sees at its creation (the object its USER_TASK_CREATED record carries) */
  variables: Variables;
}

export interface NewCall {
  elementInstanceKey: string;
  elementId: string;
  processId: string;
  bindingType: 'latest' | 'deployment';
  variables: Variables;
  childKey: string;
}

export interface NewIncident {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  jobKey?: string;
}

/** Everything a command changed; the store turns it into SQL. */
export class Effects {
  records: EngineRecord[] = [];
  jobs: NewJob[] = [];
  timers: NewTimer[] = [];
  subscriptions: NewSubscription[] = [];
  userTasks: NewUserTask[] = [];
  incidents: NewIncident[] = [];
  /** Element instances left (completed or terminated): their jobs, timers, subscriptions and open user tasks go. */
  leftElements: string[] = [];
  /** Event subscriptions and timers closed while their owner stays (an interrupting event sub-process fires once). */
  closedEvents: { ownerKey: string; elementIds: string[] }[] = [];
  upsertedElements = new Set<string>();
  removedElements = new Set<string>();
  dirtyScopes = new Set<string>();
  removedScopes = new Set<string>();
  instanceEnded: 'COMPLETED' | 'CANCELED' | null = null;
  /** Call activities entered: the engine creates their child instances after this step is written. */
  calls: NewCall[] = [];
  /** Child instances whose call activity was terminated: the engine cancels them. */
  canceledChildren: string[] = [];
  /** A called instance completed: its call activity in the parent completes with these variables. */
  childCompleted: { parentInstanceKey: string; parentElementInstanceKey: string; variables: Variables } | null = null;
  /** BPMN errors nothing in this (called) instance catches: offered to the parent's call activity. */
  /** Escalations nothing in this (called) instance caught: offered to the parent's call activity. */
  bubbledEscalations: { code: string; parentInstanceKey: string; parentElementInstanceKey: string }[] = [];
  bubbledErrors: { throwerKey: string; errorCode: string; variables: Variables; jobKey?: string; endEvent: boolean }[] = [];

  /** Drops what a failed activation had already scheduled, so that retrying it after the incident creates it once. */
  discardFor(elementInstanceKey: string): void {
    const keep = (e: { elementInstanceKey: string }) => e.elementInstanceKey !== elementInstanceKey;
    this.jobs = this.jobs.filter(keep);
    this.timers = this.timers.filter(keep);
    this.subscriptions = this.subscriptions.filter(keep);
    this.userTasks = this.userTasks.filter(keep);
    this.records = this.records.filter((r) => !(r.kind === 'USER_TASK_CREATED' && r.detail?.['elementInstanceKey'] === elementInstanceKey));
  }
}

export function cloneVariables(state: InstanceState, scopeKey: string): Variables {
  return { ...(state.variables.get(scopeKey) ?? {}) };
}

/** The scope chain from `scopeKey` up to the root. */
export function scopeChain(state: InstanceState, scopeKey: string): string[] {
  const chain: string[] = [];
  let current: string | null = scopeKey;
  while (current) {
    chain.push(current);
    current = current === state.key ? null : (state.elements.get(current)?.scopeKey ?? state.key);
  }
  return chain;
}

/** Variables visible from a scope: its own locals hide the ancestors' variables of the same name. */
export function visibleVariables(state: InstanceState, scopeKey: string): Variables {
  const result: Variables = {};
  for (const scope of scopeChain(state, scopeKey).reverse()) Object.assign(result, state.variables.get(scope) ?? {});
  return result;
}
