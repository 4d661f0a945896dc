import { cpus, loadavg } from 'node:os';

export const perSecond = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms) : 0);

/** Percentile by nearest rank of an unsorted sample, in the sample's unit. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return 0;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number(sorted[rank].toFixed(2));
}

/** The 1-minute load average of the shared machine, recorded next to every figure. */
export const load = () => Number(loadavg()[0].toFixed(2));

export const machine = () => ({ cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version });

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; load: number }> {
  const t = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - t), load: load() };
}

/** Runs `work` for every item with at most `concurrency` in flight. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  }));
}
