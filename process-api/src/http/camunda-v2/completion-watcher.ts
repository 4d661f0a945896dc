import type { ProcessEngine, Variables } from '../../engine/process-engine';

const KEEP_MS = 60_000;

/**
 * Create-with-result: remembers the variables of instances that completed (from the engine's records, which an
 * instance finishing inside its own creation command also produces) so that the request can answer with them.
 */
export class CompletionWatcher {
  private readonly completed = new Map<string, { variables: Variables; at: number }>();
  private readonly waiters = new Map<string, (variables: Variables) => void>();

  constructor(engine: ProcessEngine) {
    engine.onRecords(async (_tx, records) => {
      for (const r of records) {
        if (r.kind !== 'PROCESS_INSTANCE_COMPLETED') continue;
        const variables = r.variables ?? {};
        const waiter = this.waiters.get(r.processInstanceKey);
        if (waiter) waiter(variables);
        // Only while a create-with-result request is under way: otherwise nobody will ask.
        else if (this.creating > 0) this.remember(r.processInstanceKey, variables);
      }
    });
  }

  private creating = 0;

  /** Runs the creation of an instance whose completion will be awaited. */
  async creation<T>(create: () => Promise<T>): Promise<T> {
    this.creating++;
    try {
      return await create();
    } finally {
      this.creating--;
    }
  }

  /** Resolves with the final variables, or null when the timeout passes first. */
  wait(processInstanceKey: string, timeoutMs: number): Promise<Variables | null> {
    const done = this.completed.get(processInstanceKey);
    if (done) {
      this.completed.delete(processInstanceKey);
      return Promise.resolve(done.variables);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(processInstanceKey);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(processInstanceKey, (variables) => {
        clearTimeout(timer);
        this.waiters.delete(processInstanceKey);
        resolve(variables);
      });
    });
  }

  private remember(key: string, variables: Variables): void {
    const now = Date.now();
    for (const [k, v] of this.completed) if (v.at < now - KEEP_MS) this.completed.delete(k);
    this.completed.set(key, { variables, at: now });
  }
}
