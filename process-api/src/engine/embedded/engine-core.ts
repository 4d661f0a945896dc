import type { DataSource, EntityManager } from 'typeorm';
import { EngineError, type EngineRecord, type TaskCaseColumns, type TransactionalListener, type Variables } from '../process-engine';
import type { Clock } from '../process-engine';
import { compileStored } from './deployer';
import { applyEffects, loadInstance, lockInstanceWithRoot, type ExtraWrite } from './instance-store';
import { KeyPool } from './key-pool';
import type { InstanceState, NewSubscription } from './instance-state';
import { atFeelTime } from './feel';
import { Interpreter } from './interpreter';
import { followCalls } from './called-instances';
import { CommandBatcher, type BatchShared, type CommandBatchOptions, type Executed } from './command-batcher';
import type { ProcessGraph } from './model';

/** One command (alone in its transaction, or one of a batch sharing one); everything it produced is collected here. */
export interface CommandContext {
  tx: EntityManager;
  now: Date;
  records: EngineRecord[];
  createdJobs: boolean;
  /** Message-start correlation tags released by instances that completed in this command. */
  releasedTags: { bpmnProcessId: string; tag: string }[];
  /** Instances locked in this command: a parent and its called children share one in-memory state each. */
  states?: Map<string, InstanceState>;
  /** Reads shared with the other commands of its batch (`BatchShared`); its own when the command runs alone. */
  shared: BatchShared;
}

/** A child instance started by a call activity. */
export interface CalledInstance {
  key: string;
  rootKey: string;
  parentInstanceKey: string;
  parentElementInstanceKey: string;
}

export interface DefinitionRow {
  key: string;
  bpmn_process_id: string;
  version: number;
  resource_name: string;
  xml: string;
}

/** Shared machinery of the embedded engine: transactions, the graph cache and the interpreter step. */
export class EngineCore {
  private readonly graphs = new Map<string, Promise<ProcessGraph>>();
  /** Definitions are immutable once deployed: a key always names the same row. */
  private readonly definitions = new Map<string, Promise<DefinitionRow>>();
  /** Keys for every command of this process (blocks of the DB sequence keep them unique across processes). */
  readonly keys = new KeyPool();
  readonly listeners: TransactionalListener[] = [];
  onJobsCreated: () => void = () => undefined;
  /** `ProcessEngine.fillTaskCaseColumns`: the case columns new task rows are inserted with. */
  taskCaseColumns: ((variables: Variables) => TaskCaseColumns) | null = null;

  readonly batcher: CommandBatcher;
  /** Transactions of `unitOfWork` runs: engine commands given one of them join it (records notified with its batch). */
  private readonly units = new WeakMap<EntityManager, { records: EngineRecord[]; createdJobs: boolean }>();

  constructor(
    readonly dataSource: DataSource,
    readonly clock: Clock,
    batching: CommandBatchOptions = {},
  ) {
    this.batcher = new CommandBatcher(this, batching);
  }

  /**
   * Runs `fn` in the caller's transaction, or, without one, as a top-level command: grouped with the commands queued
   * meanwhile into one transaction (`CommandBatcher`: group commit, failure isolation). Listeners see the records
   * before the commit.
   */
  async command<T>(tx: EntityManager | undefined, fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
    const execute = async (manager: EntityManager, shared: BatchShared = new Map()): Promise<Executed<T>> => {
      const ctx: CommandContext = { tx: manager, now: this.clock.now(), records: [], createdJobs: false, releasedTags: [], shared };
      const value = await fn(ctx);
      await this.releaseTags(ctx);
      return { value, records: ctx.records, createdJobs: ctx.createdJobs };
    };
    if (!tx) return this.batcher.submit(execute);
    const done = await execute(tx);
    const unit = this.units.get(tx);
    if (unit) {
      unit.records.push(...done.records);
      unit.createdJobs ||= done.createdJobs;
      return done.value;
    }
    await this.notify(tx, done.records);
    this.afterCommit(done.createdJobs);
    return done.value;
  }

  /**
   * Runs `work` as one top-level command of the group commit: it shares a transaction with the commands queued
   * meanwhile, and the engine commands it runs with its `tx` are part of it (their records reach the listeners once,
   * with the whole batch). Failure isolation as for any command: a throw after a write rolls the batch back and `work`
   * runs again alone, so it must write through `tx` only.
   */
  unitOfWork<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.batcher.submit(async (manager) => {
      const unit = { records: [] as EngineRecord[], createdJobs: false };
      this.units.set(manager, unit);
      try {
        const value = await work(manager);
        return { value, records: unit.records, createdJobs: unit.createdJobs };
      } finally {
        this.units.delete(manager);
      }
    });
  }

  async notify(tx: EntityManager, records: EngineRecord[]): Promise<void> {
    if (records.length > 0) for (const listener of this.listeners) await listener(tx, records);
  }

  afterCommit(createdJobs: boolean): void {
    if (createdJobs) this.onJobsCreated();
  }

  /**
   * The compiled graph of a definition, loaded once. A command passes its own transaction: taking a second pool
   * connection while holding one deadlocks the pool when every connection is held by a command doing the same.
   */
  graph(definitionKey: string, manager: EntityManager = this.dataSource.manager): Promise<ProcessGraph> {
    let graph = this.graphs.get(definitionKey);
    if (!graph) {
      graph = (async () => {
        const row = await this.definitionByKey(manager, definitionKey);
        return (await compileStored(row.resource_name, row.xml, row.bpmn_process_id)).graph;
      })();
      graph.catch(() => this.graphs.delete(definitionKey));
      this.graphs.set(definitionKey, graph);
    }
    return graph;
  }

  cacheGraph(definitionKey: string, graph: ProcessGraph): void {
    this.graphs.set(definitionKey, Promise.resolve(graph));
  }

  async lockInstance(ctx: CommandContext, key: string): Promise<InstanceState> {
    const cached = ctx.states?.get(key);
    if (cached) return cached;
    // The root of a call hierarchy is locked first, so parent and child commands never wait on each other in a cycle.
    const locked = await lockInstanceWithRoot(ctx.tx, '$1', [key]);
    if (!locked) throw new EngineError('INSTANCE_NOT_FOUND', `process instance ${key} not found`);
    (ctx.states ??= new Map()).set(key, locked.state);
    return locked.state;
  }

  /**
   * Locks the instance named by `instanceKey` (SQL over `params`, e.g. the instance of a user task) with its root, and
   * reads `extra` columns with its content: two statements. Null when no instance matches. A state this command already
   * locked stays the one in memory (its writes are ahead of the rows).
   */
  async lockInstanceBy<E extends object>(ctx: CommandContext, instanceKey: string, params: unknown[], extra: { columns: string; params: unknown[] }): Promise<{ state: InstanceState; extra: E } | null> {
    const locked = await lockInstanceWithRoot<E>(ctx.tx, instanceKey, params, extra);
    if (!locked) return null;
    const cached = ctx.states?.get(locked.state.key);
    if (cached) return { state: cached, extra: locked.extra };
    (ctx.states ??= new Map()).set(locked.state.key, locked.state);
    return locked;
  }

  /** Locks an instance and tells whether a message subscription is still open once the lock is held (same round trip as the load). */
  async lockInstanceForSubscription(ctx: CommandContext, key: string, subscriptionKey: string): Promise<{ state: InstanceState; subscribed: boolean }> {
    const loaded = await loadInstance(ctx.tx, key, subscriptionKey);
    if (!loaded) throw new EngineError('INSTANCE_NOT_FOUND', `process instance ${key} not found`);
    const { subscribed, ...state } = loaded;
    return { state, subscribed: subscribed ?? false };
  }

  /**
   * One interpreter step on a locked instance, persisted at once; opened subscriptions take buffered messages.
   * `newInstance`: the instance row is inserted with the step's writes (its first step); `also`: a write of the
   * command sent in the same statement as the step's.
   */
  async step(ctx: CommandContext, state: InstanceState, action: (interpreter: Interpreter) => void, newInstance = false, also?: ExtraWrite): Promise<void> {
    const graph = await this.graph(state.processDefinitionKey, ctx.tx);
    let nextKey: (() => string) | null;
    while (!(nextKey = this.keys.stepAllocator())) await this.keys.refill(ctx.tx);
    // From here to the end of the action nothing awaits: no other command can draw keys meanwhile.
    const existedBefore = new Set(state.elements.keys());
    const interpreter = new Interpreter(graph, state, ctx.now, nextKey);
    // Every FEEL evaluation happens inside the synchronous interpreter step: it sees this engine's command time.
    atFeelTime(ctx.now, () => action(interpreter));
    const taskColumns = this.taskCaseColumns ? { derive: this.taskCaseColumns, processName: graph.name || state.bpmnProcessId } : undefined;
    const applied = await applyEffects(ctx.tx, state, interpreter.effects, ctx.now, { newInstance, existedBefore, also, taskColumns });
    ctx.records.push(...interpreter.effects.records, ...applied.records);
    if (interpreter.effects.jobs.length > 0) ctx.createdJobs = true;
    if (interpreter.effects.instanceEnded === 'COMPLETED' && state.correlationTag) {
      ctx.releasedTags.push({ bpmnProcessId: state.bpmnProcessId, tag: state.correlationTag });
    }
    if (applied.bufferedCandidates) {
      for (const subscription of interpreter.effects.subscriptions) {
        if (state.elements.has(subscription.elementInstanceKey)) await this.correlateBuffered(ctx, state, subscription);
      }
    }
    (ctx.states ??= new Map()).set(state.key, state);
    await followCalls(this, ctx, state, interpreter.effects);
  }

  /** Zeebe: a newly opened subscription takes the oldest matching buffered message not yet correlated to this process id. */
  private async correlateBuffered(ctx: CommandContext, state: InstanceState, subscription: NewSubscription): Promise<void> {
    const [message] = await ctx.tx.query(
      `SELECT m.key::text, m.variables FROM message m WHERE m.name = $1 AND m.correlation_key = $2 AND m.expires_at > $3
         AND NOT EXISTS (SELECT 1 FROM message_correlation c WHERE c.message_key = m.key AND c.bpmn_process_id = $4)
       ORDER BY m.key LIMIT 1`,
      [subscription.messageName, subscription.correlationKey, ctx.now, state.bpmnProcessId],
    );
    if (!message) return;
    await ctx.tx.query(`INSERT INTO message_correlation (message_key, bpmn_process_id) VALUES ($1, $2)`, [message.key, state.bpmnProcessId]);
    await this.step(ctx, state, (i) => {
      i.record('MESSAGE_CORRELATED', { elementId: subscription.elementId, detail: { messageKey: message.key, messageName: subscription.messageName, correlationKey: subscription.correlationKey } });
      i.trigger(subscription.elementId, subscription.elementInstanceKey, message.variables as Variables);
    });
  }

  /** Creates and runs a new instance of a definition; `tag` is the message-start correlation key. */
  async createInstance(ctx: CommandContext, definition: DefinitionRow, variables: Variables, startElementId: string | null, tag: string | null, called?: CalledInstance): Promise<InstanceState> {
    const graph = await this.graph(definition.key, ctx.tx);
    const start = startElementId ?? graph.noneStartId;
    if (!start) throw new EngineError('PROCESS_NOT_FOUND', `process ${definition.bpmn_process_id} has no none start event`);
    const key = called?.key ?? (await this.keys.next(ctx.tx));
    const state: InstanceState = {
      key, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmn_process_id, version: definition.version,
      rootProcessInstanceKey: called?.rootKey ?? key, state: 'ACTIVE', correlationTag: tag, elements: new Map(), variables: new Map(),
    };
    const parent = called ? { parentInstanceKey: called.parentInstanceKey, parentElementInstanceKey: called.parentElementInstanceKey } : undefined;
    // The row is inserted with the first step's writes; a row this transaction inserted is invisible (and so
    // locked) to every other until the commit.
    await this.step(ctx, state, (i) => i.start(variables, start, parent), true);
    return state;
  }

  /** A message start waiting in the buffer for a correlation key starts the latest version once the key is free again. */
  private async releaseTags(ctx: CommandContext): Promise<void> {
    while (ctx.releasedTags.length > 0) {
      const { bpmnProcessId, tag } = ctx.releasedTags.shift() as { bpmnProcessId: string; tag: string };
      // Only while no other instance holds the key; one statement (it runs for every instance that ends).
      const [candidate] = await ctx.tx.query(
        `SELECT m.key::text, m.variables, s.element_id, d.key::text AS definition_key FROM message_start_subscription s
           JOIN process_definition d ON d.key = s.process_definition_key
           JOIN message m ON m.name = s.message_name AND m.correlation_key = $2 AND m.expires_at > $3
         WHERE s.bpmn_process_id = $1
           AND NOT EXISTS (SELECT 1 FROM process_instance p WHERE p.bpmn_process_id = $1 AND p.correlation_tag = $2 AND p.state = 'ACTIVE')
           AND NOT EXISTS (SELECT 1 FROM message_correlation c WHERE c.message_key = m.key AND c.bpmn_process_id = $1)
         ORDER BY m.key LIMIT 1`,
        [bpmnProcessId, tag, ctx.now],
      );
      if (!candidate) continue;
      await ctx.tx.query(`INSERT INTO message_correlation (message_key, bpmn_process_id) VALUES ($1, $2)`, [candidate.key, bpmnProcessId]);
      const definition = await this.definitionByKey(ctx.tx, candidate.definition_key);
      await this.createInstance(ctx, definition, candidate.variables, candidate.element_id, tag);
    }
  }

  /** A deployed definition by key, cached (definitions never change); read in `tx` the first time (it may be its deployment). */
  definitionByKey(tx: EntityManager, key: string): Promise<DefinitionRow> {
    let definition = this.definitions.get(key);
    if (!definition) {
      definition = (async () => {
        const [row]: DefinitionRow[] = await tx.query(`SELECT key::text, bpmn_process_id, version, resource_name, xml FROM process_definition WHERE key = $1`, [key]);
        if (!row) throw new EngineError('PROCESS_NOT_FOUND', `process definition ${key} not found`);
        return row;
      })();
      definition.catch(() => this.definitions.delete(key));
      this.definitions.set(key, definition);
    }
    return definition;
  }
}
