import type { EntityManager } from 'typeorm';

/** Keys per value of the `engine_key_block` sequence (it increments by this much). */
export const KEY_BLOCK_SIZE = 1000n;

/** A step may allocate at most this many keys, as when each step had a block of its own. */
export const KEYS_PER_STEP = 1000;

export class KeyBlockExhaustedError extends Error {
  readonly code = 'KEY_BLOCK_EXHAUSTED';
  constructor() {
    super('key block exhausted: too many elements in one step');
  }
}

/**
 * Keys for the whole process, handed out from blocks of the `engine_key_block` sequence: the sequence keeps keys
 * unique across processes, this pool keeps them unique across the concurrent commands of one process. A block is
 * fetched only when fewer keys are left than a step may need, instead of one block per step.
 *
 * Safety rests on JavaScript running one continuation at a time: keys are taken synchronously, and a step checks
 * the stock in the same continuation as its synchronous interpreter run.
 */
export class KeyPool {
  /** Free ranges [from, to), ascending; a new block is appended (the sequence only grows). */
  private readonly ranges: { from: bigint; to: bigint }[] = [];
  private free = 0n;
  private pending: Promise<void> | null = null;

  constructor(private readonly fetchBlock: (tx: EntityManager) => Promise<bigint> = nextBlock) {}

  get available(): bigint {
    return this.free;
  }

  /** One key (message key, instance key). */
  async next(tx: EntityManager): Promise<string> {
    while (this.free < 1n) await this.refill(tx);
    return this.take();
  }

  /**
   * The allocator of one interpreter step, or null when fewer keys are left than a step may need (then `refill`
   * and ask again). Check and step must share one continuation, so the caller loops and then runs its step
   * synchronously: `while (!(keys = pool.stepAllocator())) await pool.refill(tx);`
   */
  stepAllocator(): (() => string) | null {
    if (this.free < BigInt(KEYS_PER_STEP)) return null;
    let used = 0;
    return () => {
      if (used++ >= KEYS_PER_STEP) throw new KeyBlockExhaustedError();
      return this.take();
    };
  }

  private take(): string {
    const range = this.ranges[0];
    if (!range) throw new KeyBlockExhaustedError();
    const key = range.from;
    range.from++;
    this.free--;
    if (range.from >= range.to) this.ranges.shift();
    return key.toString();
  }

  /**
   * Adds one block, fetched in the caller's transaction: nextval is not transactional, so the block stays ours even if
   * that transaction rolls back, and no second connection is needed (no pool starvation under load).
   */
  async refill(tx: EntityManager): Promise<void> {
    // Commands short of keys at the same moment share one fetch; if it fails, each caller's loop tries its own.
    if (this.pending) return this.pending.catch(() => undefined);
    this.pending = this.fetchBlock(tx)
      .then((base) => {
        this.ranges.push({ from: base, to: base + KEY_BLOCK_SIZE });
        this.ranges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        this.free += KEY_BLOCK_SIZE;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

async function nextBlock(tx: EntityManager): Promise<bigint> {
  const [row]: { base: string }[] = await tx.query(`SELECT nextval('engine_key_block')::text AS base`);
  return BigInt(row.base);
}
