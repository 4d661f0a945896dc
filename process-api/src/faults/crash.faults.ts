/*
 * Crash test (issue 4): a burst of 10,000 events, the API process SIGKILLed in the middle of the intake (routing and
 * jobs running), time passing while it is down, a restart. Every acknowledged event must be processed exactly once,
 * nothing acknowledged lost, no instance stuck, due timers fired, and a replay of the whole burst must change nothing.
 */
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { ApiProcess, bearer } from './api-process';
import { burstEvents, DEBT_CENTS, PAYMENT_CENTS, postBatch } from './burst';
import { settled, waitFor } from './wait';

const EMPLOYERS = 5_000;
const BATCH = 100;
const KILL_AFTER_BATCHES = 50;
const DAY_MS = 86_400_000;

describe('crash in the middle of a burst of 10,000 events', () => {
  let db: TestDatabase;
  let api: ApiProcess | null = null;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.stop();
    await db.drop();
    console.log(`crash test figures: ${JSON.stringify(figures)}`);
  });

  it('should process every acknowledged event exactly once, fire due timers and ignore a replay', async () => {
    const events = burstEvents(EMPLOYERS, 'crash');
    const acknowledged = new Set<string>();
    api = await ApiProcess.start(db.url);
    const auth = await bearer(api.baseUrl);

    // when the first half of the batches is acknowledged and the next one is in flight, the process is killed
    let batch = 0;
    for (; batch < KILL_AFTER_BATCHES; batch++) {
      const slice = events.slice(batch * BATCH, (batch + 1) * BATCH);
      const answer = await postBatch(api.baseUrl, auth, slice);
      expect(answer.status).toBe(202);
      slice.forEach((e) => acknowledged.add(e.id));
    }
    const inFlight = postBatch(api.baseUrl, auth, events.slice(batch * BATCH, (batch + 1) * BATCH)).catch(() => null);
    await new Promise((r) => setTimeout(r, 5));
    const [{ routedBeforeKill }] = await db.dataSource.query(`SELECT count(*) FILTER (WHERE status <> 'RECEIVED')::int AS "routedBeforeKill" FROM inbound_event`);
    await api.kill();
    const lost = await inFlight;
    if (lost?.status === 202) events.slice(batch * BATCH, (batch + 1) * BATCH).forEach((e) => acknowledged.add(e.id));
    figures['acknowledgedBeforeKill'] = acknowledged.size;
    figures['routedBeforeKill'] = routedBeforeKill;

    // and 16 days pass while it is down (the demo clock's offset is the engine's time)
    await db.dataSource.query(`UPDATE engine_clock SET offset_ms = offset_ms + $1`, [16 * DAY_MS]);

    // then a restarted process takes the rest of the burst
    api = await ApiProcess.start(db.url);
    const auth2 = await bearer(api.baseUrl);
    for (batch = KILL_AFTER_BATCHES; batch * BATCH < events.length; batch++) {
      const slice = events.slice(batch * BATCH, (batch + 1) * BATCH);
      const answer = await postBatch(api.baseUrl, auth2, slice);
      expect(answer.status).toBe(202);
      slice.forEach((e) => acknowledged.add(e.id));
    }
    figures['acknowledged'] = acknowledged.size;
    await waitFor('every event routed and every job done', () => settled(db), 10 * 60_000);

    // every acknowledged event is stored and routed (nothing UNMATCHED, FAILED or waiting)
    const stored: { id: string; status: string }[] = await db.dataSource.query(`SELECT id, status FROM inbound_event`);
    const byId = new Map(stored.map((r) => [r.id, r.status]));
    const missing = [...acknowledged].filter((id) => !byId.has(id));
    const notRouted = [...acknowledged].filter((id) => byId.get(id) !== 'ROUTED');
    figures['lost'] = missing.length;
    expect(missing).toEqual([]);
    expect(notRouted).toEqual([]);

    // exactly one recovery case per employer, each payment applied exactly once
    const cases: { tag: string; n: number; amount: number }[] = await db.dataSource.query(
      `SELECT p.correlation_tag AS tag, count(*)::int AS n, min((v.value #>> '{}')::bigint)::int AS amount
         FROM process_instance p JOIN variable v ON v.scope_key = p.key AND v.name = 'amountDueCents'
        WHERE p.bpmn_process_id = 'recovery' GROUP BY p.correlation_tag`);
    figures['cases'] = cases.length;
    expect(cases.length).toBe(acknowledged.size / 2);
    expect(cases.filter((c) => c.n !== 1)).toEqual([]);
    expect(cases.filter((c) => c.amount !== DEBT_CENTS - PAYMENT_CENTS)).toEqual([]);

    // no instance stuck: no incident, no job left, every timer that fell due while the process was down has fired
    const [stuck] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM incident WHERE state = 'ACTIVE')::int AS incidents, (SELECT count(*) FROM job)::int AS jobs,
              (SELECT count(*) FROM timer WHERE due_at <= now() + (SELECT offset_ms FROM engine_clock) * interval '1 millisecond')::int AS "dueTimers"`);
    expect(stuck).toEqual({ incidents: 0, jobs: 0, dueTimers: 0 });
    const contactTasks = (await db.dataSource.query(`SELECT count(*)::int AS n FROM user_task WHERE element_id = 'Activity_ContactEmployer' AND state = 'CREATED'`))[0].n;
    figures['contactTasksAfterRestart'] = contactTasks;
    expect(contactTasks).toBeGreaterThan(0);

    // when the whole burst is replayed, everything is a duplicate and nothing changes
    const before = await snapshot(db);
    let duplicates = 0;
    for (let i = 0; i < events.length; i += 500) duplicates += (await postBatch(api.baseUrl, auth2, events.slice(i, i + 500))).duplicates;
    await waitFor('the replay settled', () => settled(db), 60_000);
    figures['replayDuplicates'] = duplicates;
    expect(duplicates).toBe(stored.length);
    expect(await snapshot(db)).toEqual(before);
  });
});

async function snapshot(db: TestDatabase): Promise<unknown> {
  const [row] = await db.dataSource.query(
    `SELECT (SELECT count(*) FROM inbound_event)::int AS events, (SELECT count(*) FROM process_instance)::int AS instances,
            (SELECT count(*) FROM user_task)::int AS tasks, (SELECT count(*) FROM document)::int AS documents,
            (SELECT sum((value #>> '{}')::bigint) FROM variable WHERE name = 'amountDueCents')::bigint::text AS "amountDue"`);
  return row;
}
