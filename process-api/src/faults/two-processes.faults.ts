/*
 * Two API processes sharing one database (issue 4): both run the event router, the job workers and the timer
 * scheduler. No job may run twice (a reminder letter filed twice) and no timer may fire twice (two tasks, two
 * escalations) while they compete for the same rows.
 */
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { ApiProcess, bearer } from './api-process';
import { burstEvents, postBatch } from './burst';
import { settled, waitFor } from './wait';

const EMPLOYERS = 600;

describe('two API processes on one database', () => {
  let db: TestDatabase;
  const apis: ApiProcess[] = [];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await db.drop();
    console.log(`two-process figures: ${JSON.stringify(figures)}`);
  });

  it('should run every job once and fire every timer once', async () => {
    // given two processes (started one after the other: the first one migrates and seeds)
    apis.push(await ApiProcess.start(db.url));
    apis.push(await ApiProcess.start(db.url));
    const auths = await Promise.all(apis.map((a) => bearer(a.baseUrl)));
    // when debts (each with a reminder job) arrive through both of them
    const events = burstEvents(EMPLOYERS, 'twin').filter((e) => e.type === 'debt.detected');
    for (let i = 0, n = 0; i < events.length; i += 50, n++) {
      const api = apis[n % 2] as ApiProcess;
      expect((await postBatch(api.baseUrl, auths[n % 2] as Record<string, string>, events.slice(i, i + 50))).status).toBe(202);
    }
    await waitFor('every debt routed and every reminder sent', () => settled(db), 5 * 60_000);

    // then every case has exactly one reminder letter and one completed reminder job
    const letters: { n: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM document WHERE kind = 'letter:recovery-reminder' GROUP BY case_id`);
    figures['cases'] = letters.length;
    expect(letters.length).toBe(EMPLOYERS);
    expect(letters.filter((l) => l.n !== 1)).toEqual([]);
    const completions: { n: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'JOB_COMPLETED' GROUP BY record->'detail'->>'jobKey'`);
    figures['jobsCompleted'] = completions.length;
    expect(completions.length).toBe(EMPLOYERS);
    expect(completions.filter((c) => c.n !== 1)).toEqual([]);

    // when 16 days pass (asked through the first process, while the second one polls the same due timers)
    const advanced = await fetch(`${apis[0]?.baseUrl}/api/admin/clock/advance`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auths[0] }, body: JSON.stringify({ duration: 'P16D' }),
    });
    expect(advanced.status).toBe(200);
    await waitFor('every reminder wait timed out', async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM user_task`))[0].n >= EMPLOYERS, 5 * 60_000);
    // and 6 more days, so that every "Contact employer" escalates
    await fetch(`${apis[1]?.baseUrl}/api/admin/clock/advance`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auths[1] }, body: JSON.stringify({ duration: 'P6D' }),
    });
    await waitFor('escalations settled', () => settled(db), 5 * 60_000);

    // then every timer fired exactly once: one task per case, one TIMER_FIRED per timer element and case
    const tasks: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM user_task GROUP BY process_instance_key`);
    expect(tasks.length).toBe(EMPLOYERS);
    expect(tasks.filter((t) => t.n !== 1)).toEqual([]);
    const fired: { element: string; n: number }[] = await db.dataSource.query(
      `SELECT record->>'elementId' AS element, count(*)::int AS n FROM outbox WHERE kind = 'TIMER_FIRED' GROUP BY process_instance_key, record->>'elementId'`);
    figures['timersFired'] = fired.length;
    expect(fired.filter((f) => f.n !== 1)).toEqual([]);
    expect(new Set(fired.map((f) => f.element)).size).toBeGreaterThanOrEqual(2);
    expect(fired.length).toBe(EMPLOYERS * 2);
  });
});
