import type { DataSource, EntityManager } from 'typeorm';
import {
  EngineError, type DeployResource, type DeploymentResult, type JobHandler, type ProcessEngine, type PublishMessageCommand,
  type ProcessDefinitionVersion, type PublishMessageResult, type TransactionalListener, type Incident, type UserTask, type UserTaskCommandOptions,
  type Variables, type ProcessInstance, type ProcessInstanceFilter, type UserTaskFilter,
} from '../process-engine';
import type { ActivateJobsCommand, ElementInstanceFilter, ElementInstanceInfo, ExternalJob, TaskCaseColumns, UserTaskChanges, VariableFilter, VariableInfo } from '../process-engine';
import { prepared } from '../../persistence/prepared-statements';
import { setClockOffset } from './clock-pin';
import { searchElementInstances, searchVariables } from './element-queries';
import { ExternalJobs } from './external-jobs';
import { updateUserTask } from './user-task-update';
import { ControllableClock, SystemClock } from './clock';
import { listIncidents, resolveIncident, setVariables, updateJobRetries } from './incident-commands';
import { getProcessDefinitionXml, listProcessDefinitions } from './definition-queries';
import { deployResources } from './deployer';
import type { CommandBatchOptions } from './command-batcher';
import { EngineCore, type DefinitionRow } from './engine-core';
import { visibleVariables } from './instance-state';
import { getProcessInstance, searchProcessInstances, searchUserTasks } from './instance-queries';
import { loadInstanceUnlocked } from './instance-store';
import { publishMessage } from './message-commands';
import { Scheduler } from './scheduler';
import { assignUserTask, completeUserTask, findUserTask } from './user-task-commands';

export interface EmbeddedEngineOptions {
  /** Demo/test mode: time can be advanced (offset persisted in engine_clock). Production uses the system clock. */
  controllableClock?: boolean;
  /** Group commit of top-level commands (`CommandBatcher`); `{ maxCommands: 1 }` gives every command its own transaction. */
  batching?: CommandBatchOptions;
}

/** The embedded adapter of the ProcessEngine port: our token interpreter with all state in PostgreSQL rows. */
export class EmbeddedProcessEngine implements ProcessEngine {
  private readonly core: EngineCore;
  private readonly scheduler: Scheduler;
  private readonly controllable: ControllableClock | null;

  constructor(private readonly dataSource: DataSource, options: EmbeddedEngineOptions = {}) {
    this.controllable = options.controllableClock ? new ControllableClock(dataSource) : null;
    this.core = new EngineCore(dataSource, this.controllable ?? new SystemClock(), options.batching);
    this.scheduler = new Scheduler(this.core, () => this.controllable?.refresh() ?? Promise.resolve());
    this.core.onJobsCreated = () => this.scheduler.wake();
    this.externalJobs = new ExternalJobs(this.core);
  }

  private readonly externalJobs: ExternalJobs;

  async activateJobs(command: ActivateJobsCommand): Promise<ExternalJob[]> {
    await this.ready();
    await this.controllable?.refresh();
    return this.externalJobs.activate(command);
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    await this.externalJobs.settle(jobKey, { outcome: 'complete', variables });
  }

  async failJob(jobKey: string, failure: { errorMessage?: string; retries?: number; retryBackOffMs?: number }): Promise<void> {
    await this.externalJobs.settle(jobKey, { outcome: 'fail', errorMessage: failure.errorMessage ?? '', retries: failure.retries, retryBackOffMs: failure.retryBackOffMs });
  }

  async throwJobError(jobKey: string, error: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<void> {
    await this.externalJobs.settle(jobKey, { outcome: 'error', ...error });
  }

  async updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    await this.externalJobs.update(jobKey, changes);
  }

  async searchElementInstances(filter: ElementInstanceFilter, tx?: EntityManager): Promise<ElementInstanceInfo[]> {
    const rows = await searchElementInstances(tx ?? this.dataSource.manager, filter);
    return Promise.all(rows.map(async (r) => ({ ...r, elementName: (await this.core.graph(r.processDefinitionKey)).nodes[r.elementId]?.name ?? null })));
  }

  searchVariables(filter: VariableFilter, tx?: EntityManager): Promise<VariableInfo[]> {
    return searchVariables(tx ?? this.dataSource.manager, filter);
  }

  async pinClock(at: Date): Promise<{ now: string; timersFired: number }> {
    if (!this.controllable) throw new EngineError('CLOCK_NOT_CONTROLLABLE', 'the engine runs on the system clock');
    await setClockOffset(this.dataSource, at);
    await this.controllable.refresh();
    const timersFired = await this.scheduler.fireDueTimers();
    return { now: this.now().toISOString(), timersFired };
  }

  async resetClock(): Promise<{ now: string }> {
    if (!this.controllable) throw new EngineError('CLOCK_NOT_CONTROLLABLE', 'the engine runs on the system clock');
    await setClockOffset(this.dataSource, null);
    await this.controllable.refresh();
    return { now: this.now().toISOString() };
  }

  async updateUserTask(key: string, changes: UserTaskChanges, options: UserTaskCommandOptions = {}): Promise<UserTask> {
    await this.ready();
    return this.core.command(options.tx, (ctx) => updateUserTask(this.core, ctx, key, changes, options));
  }

  async deploy(resources: DeployResource[], options: { tx?: EntityManager } = {}): Promise<DeploymentResult> {
    await this.ready();
    // Timer starts are scheduled on the engine clock (the controllable one in demo and tests).
    const deploy = (tx: EntityManager) => deployResources(tx, resources, this.core.clock.now());
    const result = options.tx ? await deploy(options.tx) : await this.dataSource.transaction(deploy);
    return { key: result.key, processes: result.processes, forms: result.forms };
  }

  listProcessDefinitions(tx?: EntityManager): Promise<ProcessDefinitionVersion[]> {
    return listProcessDefinitions(tx ?? this.dataSource.manager);
  }

  getProcessDefinitionXml(key: string, tx?: EntityManager): Promise<string | null> {
    return getProcessDefinitionXml(tx ?? this.dataSource.manager, key);
  }

  async createInstance(bpmnProcessId: string, variables: Variables = {}, options: { version?: number; tx?: EntityManager } = {}) {
    await this.ready();
    return this.core.command(options.tx, async (ctx) => {
      // Only the key: the row with its XML is cached per key (definitions never change), so it is not sent again. The
      // starts of one batch share the lookup: all were sent before the batch began, so a version deployed before any of
      // them was sent is seen by all of them.
      const shareKey = `definition ${bpmnProcessId} ${options.version ?? 'latest'}`;
      let found = ctx.shared.get(shareKey) as Promise<{ key: string }[]> | undefined;
      if (!found) {
        found = ctx.tx.query(
          prepared(`SELECT key::text FROM process_definition WHERE bpmn_process_id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`),
          [bpmnProcessId, options.version ?? null]);
        ctx.shared.set(shareKey, found);
      }
      const [latest] = await found;
      const definition: DefinitionRow | undefined = latest && (await this.core.definitionByKey(ctx.tx, latest.key));
      if (!definition) throw new EngineError('PROCESS_NOT_FOUND', `process ${bpmnProcessId}${options.version ? ` version ${options.version}` : ''} is not deployed`);
      const state = await this.core.createInstance(ctx, definition, variables, null, null);
      return { processInstanceKey: state.key, version: definition.version };
    });
  }

  async cancelInstance(processInstanceKey: string, options: { tx?: EntityManager } = {}): Promise<void> {
    await this.core.command(options.tx, async (ctx) => {
      const state = await this.core.lockInstance(ctx, processInstanceKey);
      await this.core.step(ctx, state, (i) => i.cancel());
    });
  }

  async publishMessage(command: PublishMessageCommand, options: { tx?: EntityManager } = {}): Promise<PublishMessageResult> {
    await this.ready();
    return this.core.command(options.tx, (ctx) => publishMessage(this.core, ctx, command));
  }

  async runInCommand<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    await this.ready();
    return this.core.unitOfWork(work);
  }

  registerWorker(type: string, handler: JobHandler, options: { maxJobs?: number; timeoutMs?: number } = {}): void {
    this.scheduler.workers.push({ type, handler, maxJobs: options.maxJobs ?? 10, timeoutMs: options.timeoutMs ?? 5 * 60_000 });
  }

  getUserTask(key: string, tx?: EntityManager): Promise<UserTask | null> {
    return findUserTask(tx ?? this.dataSource.manager, key);
  }

  searchUserTasks(filter: UserTaskFilter, tx?: EntityManager): Promise<UserTask[]> {
    return searchUserTasks(tx ?? this.dataSource.manager, filter);
  }

  getProcessInstance(key: string, tx?: EntityManager): Promise<ProcessInstance | null> {
    return getProcessInstance(tx ?? this.dataSource.manager, key);
  }

  searchProcessInstances(filter: ProcessInstanceFilter, tx?: EntityManager): Promise<ProcessInstance[]> {
    return searchProcessInstances(tx ?? this.dataSource.manager, filter);
  }

  async assignUserTask(key: string, assignee: string | null, options: UserTaskCommandOptions & { allowOverride?: boolean } = {}): Promise<UserTask> {
    await this.ready();
    return this.core.command(options.tx, (ctx) => assignUserTask(this.core, ctx, key, assignee, options));
  }

  async completeUserTask(key: string, variables: Variables, options: UserTaskCommandOptions = {}): Promise<void> {
    await this.ready();
    await this.core.command(options.tx, (ctx) => completeUserTask(this.core, ctx, key, variables, options));
  }

  async getFormForUserTask(key: string, tx?: EntityManager): Promise<{ formId: string; version: number; schema: unknown } | null> {
    const [row] = await (tx ?? this.dataSource.manager).query(
      `SELECT f.form_id, f.version, f.schema FROM user_task t JOIN form_definition f ON f.form_id = t.form_key AND f.version = t.form_version WHERE t.key = $1`, [key]);
    return row ? { formId: row.form_id, version: row.version, schema: row.schema } : null;
  }

  async getVariables(processInstanceKey: string, tx?: EntityManager): Promise<Variables> {
    const state = await loadInstanceUnlocked(tx ?? this.dataSource.manager, processInstanceKey);
    if (!state) throw new EngineError('INSTANCE_NOT_FOUND', `process instance ${processInstanceKey} not found`);
    return visibleVariables(state, state.key);
  }

  onRecords(listener: TransactionalListener): void {
    this.core.listeners.push(listener);
  }

  fillTaskCaseColumns(derive: (variables: Variables) => TaskCaseColumns): void {
    this.core.taskCaseColumns = derive;
  }

  async start(): Promise<void> {
    await this.ready();
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
  }

  listIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] } = {}, tx?: EntityManager): Promise<Incident[]> {
    return listIncidents(tx ?? this.dataSource.manager, filter);
  }

  async resolveIncident(key: string, options: { tx?: EntityManager } = {}): Promise<void> {
    await this.ready();
    await this.core.command(options.tx, (ctx) => resolveIncident(this.core, ctx, key));
  }

  async updateJobRetries(jobKey: string, retries: number, options: { tx?: EntityManager } = {}): Promise<void> {
    await this.core.command(options.tx, (ctx) => updateJobRetries(this.core, ctx, jobKey, retries));
  }

  async setVariables(scopeKey: string, variables: Variables, options: { local?: boolean; tx?: EntityManager } = {}): Promise<void> {
    await this.ready();
    await this.core.command(options.tx, (ctx) => setVariables(this.core, ctx, scopeKey, variables, options.local ?? false));
  }

  /** Group commit counters: transactions (batches) run, commands in them, batches rolled back and re-run alone, deadlock retries. */
  batchStats(): { batches: number; commands: number; rerunBatches: number; deadlockRetries: number } {
    return { ...this.core.batcher.stats };
  }

  /** The engine's current time (the controllable clock's when enabled). */
  now(): Date {
    return this.core.clock.now();
  }

  /** Moves the controllable clock by an ISO 8601 duration and fires every timer now due before returning. */
  async advanceClock(duration: string): Promise<{ now: string; timersFired: number }> {
    if (!this.controllable) throw new EngineError('CLOCK_NOT_CONTROLLABLE', 'the engine runs on the system clock');
    const now = await this.controllable.advance(duration);
    const timersFired = await this.scheduler.fireDueTimers();
    return { now: now.toISOString(), timersFired };
  }

  /** Fires due timers and runs available jobs of registered workers until nothing is left (tests must not sleep). */
  async runDueWork(): Promise<void> {
    await this.ready();
    await this.scheduler.drain();
  }

  private readyPromise: Promise<void> | null = null;

  /** The controllable clock's persisted offset is read once before the first command. */
  private ready(): Promise<void> {
    this.readyPromise ??= this.controllable ? this.controllable.refresh() : Promise.resolve();
    return this.readyPromise;
  }
}
