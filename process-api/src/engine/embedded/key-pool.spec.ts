import type { EntityManager } from 'typeorm';
import { KEYS_PER_STEP, KeyBlockExhaustedError, KeyPool } from './key-pool';

const tx = {} as EntityManager;

/** A stand-in for the DB sequence: ascending blocks of 1000, answered after a delay so that commands interleave. */
function sequence() {
  let value = 0n;
  const calls = { count: 0 };
  const fetch = async () => {
    calls.count++;
    await new Promise((r) => setTimeout(r, 1));
    value += 1000n;
    return value;
  };
  return { fetch, calls };
}

async function step(pool: KeyPool, keys: number): Promise<string[]> {
  let next: (() => string) | null;
  while (!(next = pool.stepAllocator())) await pool.refill(tx);
  const allocate = next;
  return Array.from({ length: keys }, () => allocate());
}

describe('KeyPool', () => {
  it('should never hand the same key to two concurrent commands', async () => {
    // given a pool on a slow sequence
    const { fetch, calls } = sequence();
    const pool = new KeyPool(fetch);

    // when 200 commands draw keys concurrently, steps and single keys mixed
    const drawn = await Promise.all(Array.from({ length: 200 }, async (_, i) => [await pool.next(tx), ...(await step(pool, (i % 7) + 1)), await pool.next(tx)]));

    // then every key is unique, and blocks were fetched far less than once per step
    const all = drawn.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(calls.count).toBeLessThan(20);
  });

  it('should reuse one block across steps instead of fetching one per step', async () => {
    // given a pool
    const { fetch, calls } = sequence();
    const pool = new KeyPool(fetch);

    // when 100 steps of 5 keys run one after the other
    const keys: string[] = [];
    for (let i = 0; i < 100; i++) keys.push(...(await step(pool, 5)));

    // then the keys ascend and 500 keys cost two blocks (a step needs a full step's stock before it starts)
    expect(keys.map(BigInt)).toEqual([...keys.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    expect(calls.count).toBe(2);
  });

  it('should refuse a step that needs more keys than one step may take', async () => {
    // given a pool
    const pool = new KeyPool(sequence().fetch);

    // when a step draws one key too many, then it fails as before
    await expect(step(pool, KEYS_PER_STEP + 1)).rejects.toThrow(KeyBlockExhaustedError);
  });
});
