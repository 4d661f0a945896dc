import type { TestDatabase } from '../test-support/test-database';

/** Polls `check` until it is true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
}

/** Nothing left to do: no event waiting to be routed, no job waiting or running. */
export async function settled(db: TestDatabase): Promise<boolean> {
  const [row] = await db.dataSource.query(
    `SELECT (SELECT count(*) FROM inbound_event WHERE status = 'RECEIVED')::int AS events, (SELECT count(*) FROM job)::int AS jobs`);
  return row.events === 0 && row.jobs === 0;
}
