import type { DataSource, EntityManager } from 'typeorm';
import type { EngineRecord } from '../process-engine';

/** How top-level commands are grouped into transactions (group commit). */
export interface CommandBatchOptions {
  /** Most commands run in one transaction (1: every command in its own, as before). Default 64. */
  maxCommands?: number;
  /** Batches (transactions) running at the same time; each holds one pool connection. Default 3. */
  concurrency?: number;
}

/** What a command did in a transaction: its result, its records (for the listeners) and whether it created jobs. */
export interface Executed<T> {
  value: T;
  records: EngineRecord[];
  createdJobs: boolean;
}

/** The engine side of a batch: the listeners over the records and what follows a commit. */
export interface BatchHost {
  readonly dataSource: DataSource;
  notify(tx: EntityManager, records: EngineRecord[]): Promise<void>;
  afterCommit(createdJobs: boolean): void;
}

/**
 * Reads the commands of one batch share (by a key the command chooses): what one of them read in the batch's transaction
 * holds for the others, which were all queued before the batch formed. A command run alone gets its own.
 */
export type BatchShared = Map<string, Promise<unknown>>;

interface Queued {
  execute: (tx: EntityManager, shared: BatchShared) => Promise<Executed<unknown>>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; done: Executed<unknown> } | { ok: false; error: unknown };

/**
 * Group commit of top-level commands. While `concurrency` transactions are busy, new commands queue; a free slot takes
 * up to `maxCommands` of them and runs them one after the other in ONE transaction, then the listeners once over all
 * their records, then one commit. A lone command starts at once in its own transaction (no timer, no waiting for a
 * batch to fill): its latency is unchanged. Commands of a batch run in order in one transaction, so each sees the
 * writes of the ones before it (two commands on one instance simply follow each other).
 *
 * Failure isolation: a command that throws before it wrote anything (TASK_NOT_ACTIVE, a version conflict: the checks
 * after the lock) fails alone and the batch goes on; its row locks end with the batch and leave no trace. A command
 * that throws after a write, any failed statement (a deadlock between batches, 40P01; a unique violation...) or a
 * failing listener rolls the whole batch back, and each of its commands runs again alone, in its own transaction,
 * in queue order: the one at fault fails as it would have alone, the others commit. A command alone that PostgreSQL
 * picks as the victim of a deadlock (a batch locks several instances, in no particular order) runs again.
 */
export class CommandBatcher {
  private readonly queue: Queued[] = [];
  private running = 0;
  readonly maxCommands: number;
  readonly concurrency: number;
  /** Counters for tests and benchmarks. */
  readonly stats = { batches: 0, commands: 0, rerunBatches: 0, deadlockRetries: 0 };

  constructor(private readonly host: BatchHost, options: CommandBatchOptions = {}) {
    this.maxCommands = Math.max(1, options.maxCommands ?? 64);
    this.concurrency = Math.max(1, options.concurrency ?? 3);
  }

  submit<T>(execute: (tx: EntityManager, shared: BatchShared) => Promise<Executed<T>>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ execute, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Batches are formed once the current microtasks ran (no timer): the callers of a batch that just committed send
   * their next commands in that same turn, and these then share transactions instead of each taking a free slot alone.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private scheduled = false;

  /** Free slots share the queue evenly: K shorter transactions in parallel rather than one long one and K-1 idle. */
  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const size = Math.min(this.maxCommands, Math.ceil(this.queue.length / (this.concurrency - this.running)));
      const batch = this.queue.splice(0, size);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private async run(batch: Queued[]): Promise<void> {
    this.stats.batches++;
    this.stats.commands += batch.length;
    if (batch.length === 1) return this.alone(batch[0] as Queued);
    let outcomes: Outcome[];
    try {
      outcomes = await this.host.dataSource.transaction((tx) => this.together(tx, batch));
    } catch {
      this.stats.rerunBatches++;
      for (const command of batch) await this.alone(command);
      return;
    }
    batch.forEach((command, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) command.resolve(outcome.done.value);
      else command.reject(outcome.error);
    });
    this.host.afterCommit(outcomes.some((o) => o.ok && o.done.createdJobs));
  }

  private async together(tx: EntityManager, batch: Queued[]): Promise<Outcome[]> {
    const aborted = { failed: false };
    await tx.query(GENERIC_PLANS);
    const outcomes: Outcome[] = [];
    const shared: BatchShared = new Map();
    for (const command of batch) {
      const watch = new StatementWatch(tx, aborted);
      try {
        outcomes.push({ ok: true, done: await command.execute(watch.manager, shared) });
      } catch (error) {
        if (watch.wrote || aborted.failed) throw new BatchAborted(error);
        outcomes.push({ ok: false, error });
      }
    }
    const watch = new StatementWatch(tx, aborted);
    await this.host.notify(watch.manager, outcomes.flatMap((o) => (o.ok ? o.done.records : [])));
    // PostgreSQL answers COMMIT of an aborted transaction with a silent rollback: never report those commands done.
    if (aborted.failed) throw new BatchAborted(null);
    return outcomes;
  }

  /** One command in its own transaction; the victim of a deadlock (40P01) runs again, up to `DEADLOCK_RETRIES` times. */
  private async alone(command: Queued): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const done = await this.host.dataSource.transaction(async (tx) => {
          await tx.query(GENERIC_PLANS);
          const executed = await command.execute(tx, new Map());
          await this.host.notify(tx, executed.records);
          return executed;
        });
        command.resolve(done.value);
        this.host.afterCommit(done.createdJobs);
        return;
      } catch (error) {
        if (attempt < DEADLOCK_RETRIES && isDeadlock(error)) {
          this.stats.deadlockRetries++;
          continue;
        }
        command.reject(error);
        return;
      }
    }
  }
}

const DEADLOCK_RETRIES = 3;

/**
 * The engine's statements are prepared (prepared-statements.ts) key lookups and writes: their generic plan is as good
 * as a custom one, but PostgreSQL keeps planning some of them anew on every run (its estimate of the generic plan of a
 * `= ANY($n)` write is higher), ~0.14 ms each. Only for the command transactions: the task list keeps custom plans.
 */
const GENERIC_PLANS = `SET LOCAL plan_cache_mode = force_generic_plan`;

function isDeadlock(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === '40P01' || e?.driverError?.code === '40P01';
}

/**
 * The transaction as one command of a batch sees it: records whether the command sent a statement that may change
 * rows (then its throw cannot be undone without rolling the batch back) and whether a statement failed (then
 * PostgreSQL has aborted the transaction).
 */
class StatementWatch {
  wrote = false;
  readonly manager: EntityManager;

  constructor(tx: EntityManager, aborted: { failed: boolean }) {
    const query = async (sql: string, params?: unknown[]) => {
      if (!this.wrote && writes(sql)) this.wrote = true;
      try {
        return await tx.query(sql, params);
      } catch (e) {
        aborted.failed = true;
        throw e;
      }
    };
    this.manager = new Proxy(tx, { get: (target, property) => (property === 'query' ? query : Reflect.get(target, property, target)) });
  }
}

/** A statement that may change rows (`FOR UPDATE` row locks end with the transaction and leave no trace). */
export function writes(sql: string): boolean {
  return /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b/i.test(sql.replace(/\bFOR\s+(NO\s+KEY\s+)?UPDATE\b/gi, ''));
}

class BatchAborted extends Error {
  constructor(readonly reason: unknown) {
    super('command batch aborted: its commands run again alone');
  }
}
