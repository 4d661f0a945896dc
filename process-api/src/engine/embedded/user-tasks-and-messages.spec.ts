import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EngineError, type EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine user tasks and messages', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const taskOf = async (pi: string) => (await db.dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`, [pi]))[0]?.key as string;
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form'), fixture('messages.bpmn'), fixture('message-start.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should create a user task with evaluated assignment, schedule, priority and form', async () => {
    // when an instance reaches the user task
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'ann', employer: { name: 'Acme' } });
    // then the task row carries the evaluated attributes and the created record the visible variables
    const task = await engine.getUserTask(await taskOf(processInstanceKey));
    expect(task).toEqual(expect.objectContaining({
      name: 'Contact employer', state: 'CREATED', assignee: null, candidateGroups: ['recovery', 'legal'], candidateUsers: ['ann'],
      formKey: 'contact-employer', dueDate: '2026-01-03T00:00:00.000Z', priority: 70, version: 0,
    }));
    const started = records.find((r) => r.kind === 'PROCESS_INSTANCE_CREATED');
    expect(started?.detail).toEqual({ version: 1, processName: 'Employer contact' });
    const created = records.find((r) => r.kind === 'USER_TASK_CREATED');
    expect(created?.variables).toEqual({ owner: 'ann', employer: { name: 'Acme' }, employerName: 'Acme' });
    expect((await engine.getFormForUserTask(task?.key ?? ''))?.formId).toBe('contact-employer');
  });

  it('should claim with optimistic concurrency and refuse a second claimant', async () => {
    // given a fresh task
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'ann', employer: { name: 'Acme' } });
    const key = await taskOf(processInstanceKey);
    // when ann claims it at version 0
    const claimed = await engine.assignUserTask(key, 'ann', { expectedVersion: 0, allowOverride: false, actor: 'ann' });
    // then it is hers at version 1; a stale version and another claimant are refused
    expect(claimed).toEqual(expect.objectContaining({ assignee: 'ann', version: 1 }));
    await expect(engine.assignUserTask(key, 'bob', { expectedVersion: 0, allowOverride: false })).rejects.toMatchObject({ code: 'TASK_VERSION_CONFLICT' });
    await expect(engine.assignUserTask(key, 'bob', { expectedVersion: 1, allowOverride: false })).rejects.toMatchObject({ code: 'TASK_ALREADY_CLAIMED' });
  });

  it('should complete a task applying output mappings and refuse a second completion', async () => {
    // given a claimed task
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'ann', employer: { name: 'Acme' } });
    const key = await taskOf(processInstanceKey);
    // when it is completed with variables
    await engine.completeUserTask(key, { decision: 'call back', noise: 1 }, { actor: 'ann' });
    // then only the mapped output reaches the instance, which completes
    expect(await engine.getVariables(processInstanceKey)).toEqual({ owner: 'ann', employer: { name: 'Acme' }, outcome: 'call back' });
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect((await engine.getUserTask(key))?.state).toBe('COMPLETED');
    await expect(engine.completeUserTask(key, {})).rejects.toMatchObject({ code: 'TASK_NOT_ACTIVE' });
  });

  it('should cancel open user tasks with their instance', async () => {
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'ann', employer: { name: 'Acme' } });
    const key = await taskOf(processInstanceKey);
    await engine.cancelInstance(processInstanceKey);
    expect((await engine.getUserTask(key))?.state).toBe('CANCELED');
    expect(records.map((r) => r.kind)).toContain('USER_TASK_CANCELED');
  });

  it('should correlate a catch event by the key frozen at opening and then a receive task', async () => {
    // given an instance waiting for "paid" with orderId 12 (a number becomes "12")
    const { processInstanceKey } = await engine.createInstance('messages', { orderId: 12 });
    // when a message with another key and then the right key are published
    const miss = await engine.publishMessage({ name: 'paid', correlationKey: '13', timeToLive: 0 });
    const hit = await engine.publishMessage({ name: 'paid', correlationKey: '12', variables: { amountPaid: 5 } });
    // then only the right one correlated and its variables merged into the instance
    expect(miss.processInstanceKeys).toEqual([]);
    expect(hit.processInstanceKeys).toEqual([processInstanceKey]);
    expect(await engine.getVariables(processInstanceKey)).toEqual({ orderId: 12, amountPaid: 5 });
    // when the receive task gets its message
    await engine.publishMessage({ name: 'confirmed', correlationKey: '12' });
    // then the instance completed
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should drop a TTL 0 message without subscription but deliver a buffered one when the subscription opens', async () => {
    // given a TTL 0 message and a buffered message published before any instance waits
    await engine.publishMessage({ name: 'paid', correlationKey: 'o-1', timeToLive: 0, variables: { lost: true } });
    await engine.publishMessage({ name: 'paid', correlationKey: 'o-1', timeToLive: 60_000, messageId: 'm-1', variables: { buffered: true } });
    // when an instance opens the subscription
    const { processInstanceKey } = await engine.createInstance('messages', { orderId: 'o-1' });
    // then the buffered message correlated at once, the TTL 0 one was lost
    expect(await engine.getVariables(processInstanceKey)).toEqual({ orderId: 'o-1', buffered: true });
    // and a buffered messageId cannot be published twice
    const duplicate = await engine.publishMessage({ name: 'paid', correlationKey: 'o-1', timeToLive: 60_000, messageId: 'm-1' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(EngineError);
    expect((duplicate as EngineError).code).toBe('MESSAGE_ALREADY_EXISTS');
  });

  it('should start one instance per correlation key while it is active, and the next one when it ends', async () => {
    // given a message start for key K
    const first = await engine.publishMessage({ name: 'claim-received', correlationKey: 'K', variables: { n: 1 } });
    expect(first.processInstanceKeys).toHaveLength(1);
    // when the same key arrives again while the instance is active (once without TTL, once buffered)
    const second = await engine.publishMessage({ name: 'claim-received', correlationKey: 'K', timeToLive: 0 });
    const third = await engine.publishMessage({ name: 'claim-received', correlationKey: 'K', timeToLive: 60_000, variables: { n: 3 } });
    const other = await engine.publishMessage({ name: 'claim-received', correlationKey: 'L' });
    // then nothing new starts for K, but L starts
    expect(second.processInstanceKeys).toEqual([]);
    expect(third.processInstanceKeys).toEqual([]);
    expect(other.processInstanceKeys).toHaveLength(1);
    // when the first K instance completes
    const firstKey = first.processInstanceKeys[0] as string;
    records = [];
    await engine.completeUserTask(await taskOf(firstKey), {});
    // then the buffered message starts the next instance for K
    const started = records.filter((r) => r.kind === 'PROCESS_INSTANCE_CREATED' && r.processInstanceKey !== firstKey);
    expect(started).toHaveLength(1);
    expect(await engine.getVariables(started[0]?.processInstanceKey ?? '')).toEqual({ n: 3 });
  });
});
