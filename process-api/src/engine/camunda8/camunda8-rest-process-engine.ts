/*
 * The ProcessEngine port over the Camunda 8.8 REST API (/v2) with @camunda8/sdk's CamundaRestClient: the same code
 * drives a Camunda 8 cluster (SaaS or self-managed) or Werkbank's own /v2. What REST cannot do is refused with
 * EngineError NOT_SUPPORTED: transactions (`tx` options are ignored: every call is its own command), in-transaction
 * records (onRecords), optimistic task versions. Queries are eventually consistent on a cluster (see runDueWork).
 */
import type {
  ActivateJobsCommand, DeployResource, DeploymentResult, ElementInstanceFilter, ElementInstanceInfo, ExternalJob, Incident, JobHandler, ProcessDefinitionVersion,
  ProcessEngine, ProcessInstance, ProcessInstanceFilter, PublishMessageCommand, PublishMessageResult, UserTask, UserTaskChanges, UserTaskCommandOptions,
  UserTaskFilter, VariableFilter, VariableInfo, Variables,
} from '../process-engine';
import { EngineError } from '../process-engine';
import { durationMs } from '../embedded/timer-expression';
import { Camunda8JobWorkers } from './camunda8-job-workers';
import {
  fromInstanceState, parseValue, toDefinition, toExternalJob, toIncident, toProcessInstance, toUserTask,
  type RestActivatedJob, type RestDefinition, type RestIncident, type RestProcessInstance, type RestUserTask, type RestVariable,
} from './camunda8-mapping';
import { CamundaRest, camundaRestClient, statusOf, toEngineError, type Camunda8Config } from './camunda8-rest';
import { Camunda8Observer, type CompletedElement } from './camunda8-observer';

export interface Camunda8EngineOptions {
  /** SDK configuration; absent keys come from the environment (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY...). */
  config?: Camunda8Config;
  /**
   * Credentials to act as a user for user-task commands carrying `actor` (Werkbank's /v2 applies the workbench's
   * rules to the authenticated user: only the assignee completes). Null/absent: the adapter's own identity.
   */
  actAs?: (actor: string) => Camunda8Config | null;
  /** runDueWork: consecutive empty polls that mean "quiet" (1 against Werkbank, more against a cluster). */
  quietRounds?: number;
  /** runDueWork: pause between polls once a round found nothing (0 against Werkbank; ~500 ms on a cluster). */
  settleMs?: number;
  /** runDueWork gives up after this many rounds (a process that keeps creating jobs must not hang the caller). */
  maxRounds?: number;
  workerName?: string;
  pollIntervalMs?: number;
}

const notSupported = (what: string) => new EngineError('NOT_SUPPORTED', `${what} is not available over the Camunda 8 REST API`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Camunda8RestProcessEngine implements ProcessEngine {
  private readonly rest: CamundaRest;
  private readonly workers: Camunda8JobWorkers;
  private readonly actors = new Map<string, CamundaRest>();
  private readonly roots = new Map<string, string>();
  private clockOffsetMs = 0;
  readonly observer: Camunda8Observer;

  constructor(private readonly options: Camunda8EngineOptions = {}) {
    this.rest = new CamundaRest(camundaRestClient(options.config));
    this.workers = new Camunda8JobWorkers(this.rest, { rootOf: (key) => this.rootOf(key), publish: (m) => this.publishMessage(m) }, options.workerName ?? 'werkbank-camunda8-adapter');
    this.observer = new Camunda8Observer(this.rest);
  }

  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    try {
      const answer = await this.rest.client.deployResources(resources.map((r) => ({ name: r.name, content: r.content })));
      return {
        key: String(answer.deploymentKey),
        processes: answer.processes.map((p) => ({ key: p.processDefinitionKey, bpmnProcessId: p.processDefinitionId, name: null, version: p.processDefinitionVersion, resourceName: p.resourceName })),
        forms: answer.forms.map((f) => ({ key: f.formKey, formId: f.formId, version: f.version, resourceName: f.resourceName })),
      };
    } catch (error) {
      throw toEngineError(error, { badRequest: 'DEPLOYMENT_REJECTED' });
    }
  }

  async listProcessDefinitions(): Promise<ProcessDefinitionVersion[]> {
    const all = await this.rest.searchAll<RestDefinition>('process-definitions/search', {}, [{ field: 'processDefinitionId', order: 'ASC' }, { field: 'version', order: 'DESC' }]);
    return all.map(toDefinition);
  }

  async getProcessDefinitionXml(key: string): Promise<string | null> {
    try {
      return String(await this.rest.client.callApiEndpoint({ method: 'GET', urlPath: `process-definitions/${key}/xml`, json: false } as never));
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async createInstance(bpmnProcessId: string, variables: Variables = {}, options: { version?: number } = {}) {
    const body = { processDefinitionId: bpmnProcessId, variables, ...(options.version ? { processDefinitionVersion: options.version } : {}) };
    const created = await this.rest.json<{ processInstanceKey: string; processDefinitionVersion: number }>('POST', 'process-instances', body, { notFound: 'PROCESS_NOT_FOUND', badRequest: 'PROCESS_NOT_FOUND' });
    return { processInstanceKey: String(created.processInstanceKey), version: created.processDefinitionVersion };
  }

  cancelInstance(processInstanceKey: string): Promise<void> {
    return this.rest.command('POST', `process-instances/${processInstanceKey}/cancellation`, {}, { notFound: 'INSTANCE_NOT_FOUND' });
  }

  /**
   * TTL 0: POST /messages/correlation, which says which instance the message reached (one: the first it correlated to),
   * and answers 404 when nothing waits, as a TTL-0 publication would drop it. TTL > 0: POST /messages/publication,
   * which buffers it but does not say what it reached (processInstanceKeys stays empty).
   */
  async publishMessage(command: PublishMessageCommand): Promise<PublishMessageResult> {
    const base = { name: command.name, correlationKey: command.correlationKey, variables: command.variables ?? {} };
    if (!command.timeToLive) {
      try {
        const answer = await this.rest.json<{ messageKey: string; processInstanceKey?: string }>('POST', 'messages/correlation', base);
        return { messageKey: String(answer.messageKey), processInstanceKeys: answer.processInstanceKey ? [String(answer.processInstanceKey)] : [] };
      } catch (error) {
        if (statusOf(error) === 404) return { messageKey: '', processInstanceKeys: [] };
        throw error;
      }
    }
    const answer = await this.rest.json<{ messageKey: string }>('POST', 'messages/publication', { ...base, timeToLive: command.timeToLive, messageId: command.messageId }, { conflict: 'MESSAGE_ALREADY_EXISTS' });
    return { messageKey: String(answer.messageKey), processInstanceKeys: [] };
  }

  registerWorker(type: string, handler: JobHandler, options?: { maxJobs?: number; timeoutMs?: number }): void {
    this.workers.register(type, handler, options);
  }

  async getUserTask(key: string): Promise<UserTask | null> {
    const task = await this.rest.find<RestUserTask>(`user-tasks/${key}`);
    return task && toUserTask(task);
  }

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    if (filter.rootProcessInstanceKey) {
      // 8.8 has no root filter on tasks: the tasks of every instance of the call hierarchy, in creation order.
      const instances = await this.searchProcessInstances({ rootProcessInstanceKey: filter.rootProcessInstanceKey });
      const tasks = await Promise.all(instances.map((i) => this.searchUserTasks({ ...filter, rootProcessInstanceKey: undefined, processInstanceKey: i.key })));
      return tasks.flat().filter((t) => !filter.processInstanceKey || t.processInstanceKey === filter.processInstanceKey)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
    }
    const found = await this.rest.searchAll<RestUserTask>('user-tasks/search', { processInstanceKey: filter.processInstanceKey, state: filter.state, elementId: filter.elementId },
      [{ field: 'creationDate', order: 'ASC' }]);
    return found.map(toUserTask);
  }

  async getProcessInstance(key: string): Promise<ProcessInstance | null> {
    const pi = await this.rest.find<RestProcessInstance>(`process-instances/${key}`);
    return pi && toProcessInstance(pi, await this.rootOf(pi.processInstanceKey, pi));
  }

  async searchProcessInstances(filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
    if (filter.correlationKey) throw notSupported('a process instance search by correlation key');
    const found = await this.rest.searchAll<RestProcessInstance>('process-instances/search', {
      processDefinitionId: filter.bpmnProcessId, state: filter.state ? fromInstanceState(filter.state) : undefined,
    }, [{ field: 'processInstanceKey', order: 'ASC' }]);
    const instances = await Promise.all(found.map(async (pi) => toProcessInstance(pi, await this.rootOf(pi.processInstanceKey, pi))));
    return filter.rootProcessInstanceKey ? instances.filter((i) => i.rootProcessInstanceKey === filter.rootProcessInstanceKey) : instances;
  }

  /** Camunda has no task version: `expectedVersion` is not checked (the server's own rules apply). */
  async assignUserTask(key: string, assignee: string | null, options: UserTaskCommandOptions & { allowOverride?: boolean } = {}): Promise<UserTask> {
    const rest = this.as(options.actor);
    const codes = { notFound: 'TASK_NOT_FOUND', conflict: 'TASK_ALREADY_CLAIMED' } as const;
    if (assignee === null) await rest.command('DELETE', `user-tasks/${key}/assignee`, undefined, codes);
    else await rest.command('POST', `user-tasks/${key}/assignment`, { assignee, allowOverride: options.allowOverride ?? true }, codes);
    const task = await this.getUserTask(key);
    if (!task) throw new EngineError('TASK_NOT_FOUND', `user task ${key} not found`);
    return task;
  }

  completeUserTask(key: string, variables: Variables, options: UserTaskCommandOptions = {}): Promise<void> {
    return this.as(options.actor).command('POST', `user-tasks/${key}/completion`, { variables }, { notFound: 'TASK_NOT_FOUND', conflict: 'TASK_NOT_ACTIVE' });
  }

  /** GET /user-tasks/{key}/form (8.8): the linked form's schema, which Camunda answers as JSON text; 204 without a form. */
  async getFormForUserTask(key: string) {
    const form = await this.rest.find<{ bpmnId?: string; formId?: string; version?: number; schema: string } | ''>(`user-tasks/${key}/form`);
    if (!form) return null;
    return { formId: form.bpmnId ?? form.formId ?? '', version: form.version ?? 0, schema: typeof form.schema === 'string' ? JSON.parse(form.schema) : form.schema };
  }

  async getVariables(processInstanceKey: string): Promise<Variables> {
    const found = await this.searchVariables({ processInstanceKey, scopeKey: processInstanceKey });
    return Object.fromEntries(found.map((v) => [v.name, v.value]));
  }

  onRecords(): void {
    throw notSupported('engine records inside the engine transaction (onRecords)');
  }

  async start(): Promise<void> {
    this.workers.start(this.options.pollIntervalMs ?? 500);
  }

  stop(): Promise<void> {
    return this.workers.stop();
  }

  async listIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] } = {}): Promise<Incident[]> {
    const found = await this.rest.searchAll<RestIncident>('incidents/search', { processInstanceKey: filter.processInstanceKey, state: filter.state }, [{ field: 'creationTime', order: 'DESC' }]);
    return found.map(toIncident);
  }

  resolveIncident(key: string): Promise<void> {
    return this.rest.command('POST', `incidents/${key}/resolution`, {}, { notFound: 'INCIDENT_NOT_FOUND' });
  }

  updateJobRetries(jobKey: string, retries: number): Promise<void> {
    return this.updateJob(jobKey, { retries });
  }

  setVariables(scopeKey: string, variables: Variables, options: { local?: boolean } = {}): Promise<void> {
    return this.rest.command('PUT', `element-instances/${scopeKey}/variables`, { variables, local: options.local ?? false }, { notFound: 'INSTANCE_NOT_FOUND' });
  }

  /** The adapter's view of the cluster clock: system time plus the offset of the last pin (Camunda has no GET /clock). */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  advanceClock(duration: string): Promise<{ now: string; timersFired: number }> {
    return this.pinClock(new Date(this.now().getTime() + Math.round(durationMs(duration))));
  }

  /** PUT /clock: Camunda fires what became due by itself; how many timers fired is not answered (0). */
  async pinClock(at: Date): Promise<{ now: string; timersFired: number }> {
    await this.rest.command('PUT', 'clock', { timestamp: at.getTime() }, {}).catch((error) => this.clockError(error));
    this.clockOffsetMs = at.getTime() - Date.now();
    return { now: at.toISOString(), timersFired: 0 };
  }

  async resetClock(): Promise<{ now: string }> {
    await this.rest.command('POST', 'clock/reset', {}, {}).catch((error) => this.clockError(error));
    this.clockOffsetMs = 0;
    return { now: this.now().toISOString() };
  }

  async activateJobs(command: ActivateJobsCommand): Promise<ExternalJob[]> {
    const { jobs } = await this.rest.json<{ jobs: RestActivatedJob[] }>('POST', 'jobs/activation', {
      type: command.type, worker: command.worker, timeout: command.timeoutMs, maxJobsToActivate: command.maxJobsToActivate, fetchVariable: command.fetchVariable, requestTimeout: -1,
    });
    return Promise.all(jobs.map(async (j) => toExternalJob(j, await this.rootOf(j.processInstanceKey))));
  }

  completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    return this.rest.command('POST', `jobs/${jobKey}/completion`, { variables }, { notFound: 'JOB_NOT_FOUND', conflict: 'JOB_NOT_ACTIVATED' });
  }

  failJob(jobKey: string, failure: { errorMessage?: string; retries?: number; retryBackOffMs?: number }): Promise<void> {
    return this.rest.command('POST', `jobs/${jobKey}/failure`, { errorMessage: failure.errorMessage, retries: failure.retries, retryBackOff: failure.retryBackOffMs }, { notFound: 'JOB_NOT_FOUND', conflict: 'JOB_NOT_ACTIVATED' });
  }

  throwJobError(jobKey: string, error: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<void> {
    return this.rest.command('POST', `jobs/${jobKey}/error`, error, { notFound: 'JOB_NOT_FOUND', conflict: 'JOB_NOT_ACTIVATED' });
  }

  updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    return this.rest.command('PATCH', `jobs/${jobKey}`, { changeset: { retries: changes.retries, timeout: changes.timeoutMs } }, { notFound: 'JOB_NOT_FOUND' });
  }

  searchElementInstances(filter: ElementInstanceFilter): Promise<ElementInstanceInfo[]> {
    return this.observer.activeElements(filter);
  }

  async searchVariables(filter: VariableFilter): Promise<VariableInfo[]> {
    const found = await this.rest.searchAll<RestVariable>('variables/search', { processInstanceKey: filter.processInstanceKey, scopeKey: filter.scopeKey, name: filter.name },
      [{ field: 'scopeKey', order: 'ASC' }, { field: 'name', order: 'ASC' }]);
    return Promise.all(found.map(async (v) => {
      // Search answers cut long values (isTruncated); the variable itself has the whole document.
      const full = v.isTruncated ? ((await this.rest.find<RestVariable>(`variables/${v.variableKey}`)) ?? v) : v;
      return { name: v.name, value: parseValue(full.value), scopeKey: String(v.scopeKey), processInstanceKey: String(v.processInstanceKey) };
    }));
  }

  async updateUserTask(key: string, changes: UserTaskChanges, options: UserTaskCommandOptions = {}): Promise<UserTask> {
    await this.as(options.actor).command('PATCH', `user-tasks/${key}`, { changeset: changes }, { notFound: 'TASK_NOT_FOUND', conflict: 'TASK_NOT_ACTIVE' });
    const task = await this.getUserTask(key);
    if (!task) throw new EngineError('TASK_NOT_FOUND', `user task ${key} not found`);
    return task;
  }

  /**
   * Runs the registered workers until the engine is quiet: rounds of one activation per registered type, until
   * `quietRounds` consecutive rounds found nothing, `settleMs` apart. Heuristic on a cluster (eventually consistent:
   * a timer fired by the pinned clock or a job created by the last completion may show up a little later); exact on
   * Werkbank's /v2, which commits each command before answering. Bounded by `maxRounds`.
   */
  runDueWork(): Promise<void> {
    const { quietRounds = 1, settleMs = 0, maxRounds = 200 } = this.options;
    return this.workers.serialized(async () => {
      let quiet = 0;
      for (let round = 0; round < maxRounds && quiet < quietRounds; round++) {
        const handled = await this.workers.round();
        quiet = handled > 0 ? 0 : quiet + 1;
        if (handled === 0 && quiet < quietRounds && settleMs > 0) await sleep(settleMs);
      }
    });
  }

  /** Completed elements of a type (END_EVENT...) through the element instance search: what onRecords gives embedded. */
  completedElements(type: string): Promise<CompletedElement[]> {
    return this.observer.completedElements(type);
  }

  private as(actor: string | undefined): CamundaRest {
    const config = actor ? this.options.actAs?.(actor) : null;
    if (!actor || !config) return this.rest;
    let rest = this.actors.get(actor);
    if (!rest) this.actors.set(actor, (rest = new CamundaRest(camundaRestClient({ ...this.options.config, ...config }))));
    return rest;
  }

  /** Follows parentProcessInstanceKey up to the root (8.8 answers no root key), cached: a hierarchy never changes. */
  private async rootOf(key: string, known?: RestProcessInstance): Promise<string> {
    const cached = this.roots.get(key);
    if (cached) return cached;
    const pi = known ?? (await this.rest.find<RestProcessInstance>(`process-instances/${key}`));
    const root = pi?.parentProcessInstanceKey ? await this.rootOf(String(pi.parentProcessInstanceKey)) : key;
    this.roots.set(key, root);
    return root;
  }

  private clockError(error: unknown): never {
    const status = statusOf(error);
    if (status === 403 || status === 404 || status === 405) throw new EngineError('CLOCK_NOT_CONTROLLABLE', `the cluster refused to move its clock (${status}): start it with ZEEBE_CLOCK_CONTROLLED=true`);
    throw error;
  }
}
