import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { ActivatedJob, EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine cancellation and variables of a running instance', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const seen: ActivatedJob[] = [];
  const rows = async (sql: string, pi: string) => db.dataSource.query(sql, [pi]);
  const count = async (table: string, pi: string) => (await rows(`SELECT count(*)::int AS n FROM ${table} WHERE process_instance_key = $1`, pi))[0].n;
  const child = async (pi: string) => (await rows(`SELECT key::text, state FROM process_instance WHERE root_process_instance_key = $1 AND key <> $1`, pi))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('enrich', async (job) => {
      seen.push(job);
      return { outcome: 'complete', variables: { status: 'paid' } };
    });
    await engine.deploy([fixture('instance-api.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should cancel an instance with open user tasks, jobs, timers, subscriptions and a called child', async () => {
    // given an instance waiting everywhere at once
    const { processInstanceKey } = await engine.createInstance('everything-open', { caseId: 'k-1' });
    const called = await child(processInstanceKey);
    expect(called.state).toBe('ACTIVE');
    expect(await count('timer', processInstanceKey)).toBe(1);
    expect(await count('message_subscription', processInstanceKey)).toBe(2);
    expect(await count('job', processInstanceKey)).toBe(1);
    // when it is canceled
    await engine.cancelInstance(processInstanceKey);
    // then it and its child are canceled and nothing of either is left to run
    const states = await rows(`SELECT key::text, state FROM process_instance WHERE root_process_instance_key = $1`, processInstanceKey);
    expect(states.map((s: { state: string }) => s.state)).toEqual(['CANCELED', 'CANCELED']);
    for (const pi of [processInstanceKey, called.key as string]) {
      for (const table of ['timer', 'message_subscription', 'job', 'element_instance']) expect([table, await count(table, pi)]).toEqual([table, 0]);
      const tasks = await rows(`SELECT state FROM user_task WHERE process_instance_key = $1`, pi);
      expect(tasks.map((t: { state: string }) => t.state)).toEqual(['CANCELED']);
    }
    expect(records.filter((r) => r.kind === 'PROCESS_INSTANCE_CANCELED').map((r) => r.processInstanceKey).sort()).toEqual([processInstanceKey, called.key].sort());
    // and later messages and timers find nothing of it
    records = [];
    await engine.publishMessage({ name: 'note', correlationKey: 'k-1' });
    await engine.publishMessage({ name: 'stop', correlationKey: 'k-1' });
    await engine.advanceClock('PT2H');
    expect(records.filter((r) => r.rootProcessInstanceKey === processInstanceKey)).toEqual([]);
  });

  it('should set variables locally on an element or propagate them to the nearest scope that has them', async () => {
    // given a running instance
    const { processInstanceKey } = await engine.createInstance('everything-open', { caseId: 'k-2', decision: null });
    const [work] = await rows(`SELECT key::text FROM element_instance WHERE process_instance_key = $1 AND element_id = 'work'`, processInstanceKey);
    // when a local is set on the task, then a propagated update of it and of a root variable, and a new one
    await engine.setVariables(work.key, { draft: 1 }, { local: true });
    await engine.setVariables(work.key, { draft: 2, decision: 'ok', fresh: true });
    // then the local took its own update, the root took the others
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'k-2', decision: 'ok', fresh: true });
    const [local] = await rows(`SELECT value FROM variable WHERE scope_key = $1 AND name = 'draft'`, work.key);
    expect(local.value).toBe(2);
    // when variables are set on the instance itself, then the root has them at once
    await engine.setVariables(processInstanceKey, { decision: 'changed' });
    expect((await engine.getVariables(processInstanceKey))['decision']).toBe('changed');
    await expect(engine.setVariables('999999999', { a: 1 })).rejects.toMatchObject({ code: 'INSTANCE_NOT_FOUND' });
    await engine.cancelInstance(processInstanceKey);
  });

  it('should build nested mapping targets: a new local context for inputs, a leaf update for outputs', async () => {
    // given an order and a sender in the root
    const { processInstanceKey } = await engine.createInstance('nested-mappings', { order: { id: 7, status: 'new' }, sender: { name: 'old', street: 'x' } });
    await engine.runDueWork();
    // then the job saw a whole new local sender, and the output mappings updated only the leaves of order
    expect(seen[0]?.variables['sender']).toEqual({ name: 'Acme', id: 1 });
    expect(await engine.getVariables(processInstanceKey)).toEqual({ order: { id: 7, status: 'paid', flags: { paid: true } }, sender: { name: 'old', street: 'x' } });
  });
});
