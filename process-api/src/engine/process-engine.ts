/**
 * The ProcessEngine port: everything outside src/engine sees only this file.
 * Keys are decimal strings (as in Camunda 8). Every command runs in one database transaction; a caller that
 * already holds a transaction passes it as `tx` so that its own writes and the engine's commit together.
 */
import type { EntityManager } from 'typeorm';

export type Variables = Record<string, unknown>;

/**
 * The workbench's case columns of a task row (`user_task.enterprise_number`, `employer_name`, `amount_due`), derived
 * from the variables the task sees when it is created.
 */
export interface TaskCaseColumns {
  enterpriseNumber: string | null;
  employerName: string | null;
  /** numeric(15,2) as text, e.g. "1234.50" */
  amountDue: string | null;
}

export interface DeployResource {
  /** File name, e.g. `recovery.bpmn` or `contact-employer.form`. */
  name: string;
  content: string;
}

export interface DeployedProcess {
  key: string;
  bpmnProcessId: string;
  name: string | null;
  version: number;
  resourceName: string;
}

export interface DeployedForm {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
}

export interface DeploymentResult {
  key: string;
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

/** One deployed version of a process (the definitions list of the deployment API). */
export interface ProcessDefinitionVersion {
  key: string;
  bpmnProcessId: string;
  name: string | null;
  version: number;
  resourceName: string;
  deployedAt: string;
}

export interface DeploymentProblem {
  resource: string;
  elementId?: string;
  message: string;
}

export interface PublishMessageCommand {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** Milliseconds the message stays buffered; 0 correlates only to subscriptions open right now. */
  timeToLive?: number;
  messageId?: string;
}

export interface PublishMessageResult {
  messageKey: string;
  /** Process instances the message correlated to or started (empty when only buffered or dropped). */
  processInstanceKeys: string[];
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

/** The engine's user task as the workbench sees it (row `user_task`). */
export interface UserTask {
  key: string;
  elementId: string;
  name: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  version: number;
  createdAt: string;
}

export interface UserTaskCommandOptions {
  /** Optimistic concurrency: the command fails with TASK_VERSION_CONFLICT when the row moved on. */
  expectedVersion?: number;
  actor?: string;
  tx?: EntityManager;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'CANCELED';

/** A process instance as the engine's query side reports it (Camunda 8: a process instance search result). */
export interface ProcessInstance {
  key: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  version: number;
  state: ProcessInstanceState;
  /** Root instance of the call hierarchy (the instance itself unless it was started by a call activity). */
  rootProcessInstanceKey: string;
  startedAt: string;
  endedAt: string | null;
}

export interface ProcessInstanceFilter {
  bpmnProcessId?: string;
  state?: ProcessInstanceState;
  rootProcessInstanceKey?: string;
  /** The correlation key a message start event started the instance with. */
  correlationKey?: string;
}

export interface UserTaskFilter {
  processInstanceKey?: string;
  rootProcessInstanceKey?: string;
  state?: UserTaskState;
  elementId?: string;
}

/** Outcome a job handler must return: forgetting to settle a job is a type error. */
export type JobOutcome =
  /**
   * `messages` are published in the same transaction that completes the job (a message throw event or a send task
   * built as a job worker): the job is never completed without them, and a retried job never publishes twice.
   */
  | { outcome: 'complete'; variables?: Variables; messages?: PublishMessageCommand[] }
  | { outcome: 'fail'; errorMessage: string; retries?: number; retryBackOffMs?: number }
  | { outcome: 'error'; errorCode: string; errorMessage?: string; variables?: Variables };

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  /** Root instance of the call hierarchy: the workbench's case (a called process's job files its documents there). */
  rootProcessInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  customHeaders: Record<string, string>;
  variables: Variables;
}

/** A job handed to an external worker (Camunda 8: an activated job of the jobs/activation endpoint). */
export interface ExternalJob extends ActivatedJob {
  elementInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  worker: string;
  /** End of this activation: afterwards the job can be activated again. */
  deadline: string;
}

export interface ActivateJobsCommand {
  type: string;
  maxJobsToActivate: number;
  timeoutMs: number;
  worker: string;
  /** Only these variables (all visible ones when absent). */
  fetchVariable?: string[];
}

/** A live element instance (the engine keeps only the active ones; finished ones are deleted with their state). */
export interface ElementInstanceInfo {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementName: string | null;
  /** The engine's node type (`userTask`, `serviceTask`, `process`...). */
  elementType: string;
  scopeKey: string | null;
  /** The active incident on this element instance, if any. */
  incidentKey: string | null;
  processInstanceStartedAt: string;
}

export interface ElementInstanceFilter {
  key?: string;
  processInstanceKey?: string;
  elementId?: string;
}

/** One variable in one scope (scope = process instance or element instance key). */
export interface VariableInfo {
  name: string;
  value: unknown;
  scopeKey: string;
  processInstanceKey: string;
}

export interface VariableFilter {
  processInstanceKey?: string;
  scopeKey?: string;
  name?: string;
}

/** Fields of an open user task that may change while it waits (Camunda 8: user task update). */
export interface UserTaskChanges {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

export type JobHandler = (job: ActivatedJob) => Promise<JobOutcome>;

/** Engine records, delivered inside the transaction that produced them (for projections that must be read-your-writes). */
export interface EngineRecord {
  kind:
    | 'PROCESS_INSTANCE_CREATED'
    | 'PROCESS_INSTANCE_COMPLETED'
    | 'PROCESS_INSTANCE_CANCELED'
    | 'ELEMENT_ACTIVATED'
    | 'ELEMENT_COMPLETED'
    | 'ELEMENT_TERMINATED'
    | 'USER_TASK_CREATED'
    | 'USER_TASK_ASSIGNED'
    | 'USER_TASK_COMPLETED'
    | 'USER_TASK_CANCELED'
    | 'MESSAGE_CORRELATED'
    | 'TIMER_FIRED'
    | 'JOB_COMPLETED'
    | 'JOB_FAILED'
    | 'INCIDENT_CREATED'
    | 'INCIDENT_RESOLVED';
  processInstanceKey: string;
  /** Root instance of the call hierarchy: the workbench's case. */
  rootProcessInstanceKey: string;
  bpmnProcessId: string;
  elementId?: string;
  elementType?: string;
  elementName?: string | null;
  userTaskKey?: string;
  actor?: string;
  variables?: Variables;
  detail?: Record<string, unknown>;
  at: string;
}

/** Called in the engine's transaction; a throw rolls the whole command back. */
export type TransactionalListener = (tx: EntityManager, records: EngineRecord[]) => Promise<void>;

/** Error codes raised by the engine (domain errors carry `code`; the HTTP layer maps codes to statuses). */
export type EngineErrorCode =
  | 'DEPLOYMENT_REJECTED'
  | 'PROCESS_NOT_FOUND'
  | 'INSTANCE_NOT_FOUND'
  | 'TASK_NOT_FOUND'
  | 'TASK_NOT_ACTIVE'
  | 'TASK_VERSION_CONFLICT'
  | 'TASK_ALREADY_CLAIMED'
  | 'MESSAGE_ALREADY_EXISTS'
  | 'JOB_NOT_FOUND'
  | 'JOB_NOT_ACTIVATED'
  | 'INCIDENT_NOT_FOUND'
  | 'CLOCK_NOT_CONTROLLABLE'
  /** An adapter cannot serve this part of the port (e.g. onRecords over the Camunda 8 REST API). */
  | 'NOT_SUPPORTED';

/** An engine key as text: a positive 64-bit integer (what `bigint` columns and the API carry). */
export function isEngineKey(key: string): boolean {
  return /^\d{1,19}$/.test(key);
}

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly problems: DeploymentProblem[] = [],
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** A problem that stopped a token (FEEL error, job without retries, unhandled BPMN error). */
export interface Incident {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: string;
  errorMessage: string;
  jobKey: string | null;
  state: 'ACTIVE' | 'RESOLVED';
  createdAt: string;
}

export interface ProcessEngine {
  /** Deploys BPMN and form files atomically; refuses invalid models with every problem listed (EngineError DEPLOYMENT_REJECTED). */
  deploy(resources: DeployResource[], options?: { tx?: EntityManager }): Promise<DeploymentResult>;
  /** Every deployed version of every process, by bpmnProcessId, latest version first. */
  listProcessDefinitions(tx?: EntityManager): Promise<ProcessDefinitionVersion[]>;
  /** The BPMN XML of one deployed version, or null when the key is unknown. */
  getProcessDefinitionXml(key: string, tx?: EntityManager): Promise<string | null>;
  /** Starts an instance at the none start event of the latest (or given) version. */
  createInstance(bpmnProcessId: string, variables?: Variables, options?: { version?: number; tx?: EntityManager }): Promise<{ processInstanceKey: string; version: number }>;
  cancelInstance(processInstanceKey: string, options?: { tx?: EntityManager }): Promise<void>;
  /** Zeebe semantics: buffered for its TTL, messageId accepted once, one correlation per process id. */
  publishMessage(command: PublishMessageCommand, options?: { tx?: EntityManager }): Promise<PublishMessageResult>;
  /**
   * Optional (an engine that keeps its state in our database): runs `work` as one engine command, in a transaction the
   * engine may share with other commands (group commit). Engine commands called with its `tx` belong to it; the caller's
   * own writes through `tx` commit or roll back with them. A failure after a write may run `work` again alone, so it
   * must write through `tx` only. Without it, a caller runs its own transaction around the commands.
   */
  runInCommand?<T>(work: (tx: EntityManager) => Promise<T>): Promise<T>;
  /** Registers a job worker for a job type; jobs are polled from the database with SKIP LOCKED. */
  registerWorker(type: string, handler: JobHandler, options?: { maxJobs?: number; timeoutMs?: number }): void;
  getUserTask(key: string, tx?: EntityManager): Promise<UserTask | null>;
  /** User tasks matching every given filter field, oldest first (Camunda 8: user task search). */
  searchUserTasks(filter: UserTaskFilter, tx?: EntityManager): Promise<UserTask[]>;
  getProcessInstance(key: string, tx?: EntityManager): Promise<ProcessInstance | null>;
  /** Process instances matching every given filter field, oldest first (Camunda 8: process instance search). */
  searchProcessInstances(filter: ProcessInstanceFilter, tx?: EntityManager): Promise<ProcessInstance[]>;
  /** Sets (claim / assign) or clears (unclaim, null) the assignee. */
  assignUserTask(key: string, assignee: string | null, options?: UserTaskCommandOptions & { allowOverride?: boolean }): Promise<UserTask>;
  completeUserTask(key: string, variables: Variables, options?: UserTaskCommandOptions): Promise<void>;
  /** The form schema linked to a user task (zeebe:formDefinition), or null. */
  getFormForUserTask(key: string, tx?: EntityManager): Promise<{ formId: string; version: number; schema: unknown } | null>;
  /** Variables visible from the root scope of an instance. */
  getVariables(processInstanceKey: string, tx?: EntityManager): Promise<Variables>;
  /** Adds a listener called inside each command's transaction with the records it produced. */
  onRecords(listener: TransactionalListener): void;
  /**
   * Optional (an engine that inserts the task rows in our database): fills the case columns of each new task row, and
   * its process name when the task belongs to the case's root instance, with the row's insert. The row is then written
   * once instead of inserted and updated in the same transaction by the case projection (every one of these columns is
   * indexed: the update made a second row version with a second entry in each of the table's indexes). The projection
   * still sets whatever differs.
   */
  fillTaskCaseColumns?(derive: (variables: Variables) => TaskCaseColumns): void;
  /** Starts the job workers and the timer scheduler. */
  start(): Promise<void>;
  /** Stops polling and waits for in-flight jobs to settle. */
  stop(): Promise<void>;
  /** Incidents, newest first, optionally of one instance and/or state. */
  listIncidents(filter?: { processInstanceKey?: string; state?: Incident['state'] }, tx?: EntityManager): Promise<Incident[]>;
  /** Marks an incident resolved and retries the failed step (a job incident makes the job activatable again if it has retries). */
  resolveIncident(key: string, options?: { tx?: EntityManager }): Promise<void>;
  /** Sets a job's retries (Zeebe's UpdateJobRetries); raise them before resolving a JOB_NO_RETRIES incident. */
  updateJobRetries(jobKey: string, retries: number, options?: { tx?: EntityManager }): Promise<void>;
  /** Writes variables: `local` into exactly that scope, otherwise merged up from it (scopeKey = instance or element instance key). */
  setVariables(scopeKey: string, variables: Variables, options?: { local?: boolean; tx?: EntityManager }): Promise<void>;
  /** The engine's current time (moved by advanceClock in demo/test mode). */
  now(): Date;
  /** Demo/test: moves the clock by an ISO 8601 duration and fires every timer now due; CLOCK_NOT_CONTROLLABLE in production. */
  advanceClock(duration: string): Promise<{ now: string; timersFired: number }>;
  /** External workers (the /v2 API): claims up to maxJobsToActivate jobs of a type (SKIP LOCKED) until the timeout. */
  activateJobs(command: ActivateJobsCommand): Promise<ExternalJob[]>;
  /** Settles an activated job as JobWorker does for a registered handler; JOB_NOT_FOUND when it is not activated. */
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  failJob(jobKey: string, failure: { errorMessage?: string; retries?: number; retryBackOffMs?: number }): Promise<void>;
  throwJobError(jobKey: string, error: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<void>;
  /** Changes retries and/or extends an activation's deadline (timeoutMs from now). */
  updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void>;
  /** Active element instances, by key. */
  searchElementInstances(filter: ElementInstanceFilter, tx?: EntityManager): Promise<ElementInstanceInfo[]>;
  /** Variables per scope (not merged), by scope key then name. */
  searchVariables(filter: VariableFilter, tx?: EntityManager): Promise<VariableInfo[]>;
  /** Demo/test: sets the controllable clock to an absolute time and fires every timer now due; CLOCK_NOT_CONTROLLABLE otherwise. */
  pinClock(at: Date): Promise<{ now: string; timersFired: number }>;
  /** Demo/test: back to system time; CLOCK_NOT_CONTROLLABLE otherwise. */
  resetClock(): Promise<{ now: string }>;
  /** Changes due/follow-up dates, candidates or priority of an open user task. */
  updateUserTask(key: string, changes: UserTaskChanges, options?: UserTaskCommandOptions): Promise<UserTask>;
  /** Tests/admin: fires due timers and runs available jobs of registered workers until nothing is left (no sleeping). */
  runDueWork(): Promise<void>;
}

/** Time as the engine sees it; a controllable clock exists only in demo/test mode. */
export interface Clock {
  now(): Date;
}
