import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine timers and boundary events', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const collect = (e: EmbeddedProcessEngine) => e.onRecords(async (_tx, r) => {
    records.push(...r);
  });
  const taskState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM user_task WHERE process_instance_key = $1`, [pi]))[0].state;
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const reached = (end: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === end && r.processInstanceKey === pi).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    collect(engine);
    await engine.deploy([fixture('boundaries.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should fire a bounded non-interrupting cycle, then the interrupting timer cancels the task', async () => {
    // given a review task with reminders R2/PT10M and a PT1H deadline
    const { processInstanceKey } = await engine.createInstance('boundaries', { orderId: 'o-1' });
    // when 35 minutes pass
    const first = await engine.advanceClock('PT35M');
    // then exactly two reminders ran and the task is still open
    expect(first.timersFired).toBe(2);
    expect(reached('reminded', processInstanceKey)).toBe(2);
    expect(await taskState(processInstanceKey)).toBe('CREATED');
    // when the deadline passes
    await engine.advanceClock('PT30M');
    // then the task was canceled and the escalation path completed the instance
    expect(reached('escalated', processInstanceKey)).toBe(1);
    expect(await taskState(processInstanceKey)).toBe('CANCELED');
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await db.dataSource.query(`SELECT 1 FROM timer WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
  });

  it('should keep the host on a non-interrupting message and leave it on an interrupting one', async () => {
    // given a waiting review task
    const { processInstanceKey } = await engine.createInstance('boundaries', { orderId: 'o-2' });
    // when a note arrives twice, then a cancellation
    await engine.publishMessage({ name: 'note', correlationKey: 'o-2', variables: { note: 'called' } });
    await engine.publishMessage({ name: 'note', correlationKey: 'o-2' });
    expect(await taskState(processInstanceKey)).toBe('CREATED');
    await engine.publishMessage({ name: 'cancel-order', correlationKey: 'o-2' });
    // then both notes ran, the task was canceled and the instance ended through the cancel path
    expect(reached('endNoted', processInstanceKey)).toBe(2);
    expect(reached('endCanceled', processInstanceKey)).toBe(1);
    expect(await taskState(processInstanceKey)).toBe('CANCELED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ orderId: 'o-2', note: 'called' });
    expect(await db.dataSource.query(`SELECT 1 FROM message_subscription WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
  });

  it('should fire a timer that fell due while no engine ran, on a new engine', async () => {
    // given engine A scheduled the timers of an instance and stopped
    const { processInstanceKey } = await engine.createInstance('boundaries', { orderId: 'o-3' });
    await engine.start();
    await engine.stop();
    // when the clock moves on and a new engine B starts on the same database
    await db.dataSource.query(`UPDATE engine_clock SET offset_ms = offset_ms + 7200000`);
    const b = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    collect(b);
    await b.start();
    // stop() waits for the first scheduler tick, which runs at start
    await b.stop();
    // then B fired the overdue deadline
    expect(reached('escalated', processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should never fire the same timer twice from two engines on one database', async () => {
    // given ten instances with due deadlines and two engines
    const keys: string[] = [];
    for (let i = 0; i < 10; i++) keys.push((await engine.createInstance('boundaries', { orderId: `c-${i}` })).processInstanceKey);
    await db.dataSource.query(`UPDATE engine_clock SET offset_ms = offset_ms + 7200000`);
    const a = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    const b = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    collect(a);
    collect(b);
    // when both drain at the same time
    await Promise.all([a.runDueWork(), b.runDueWork()]);
    // then every instance escalated exactly once and no reminder ran more than twice
    for (const key of keys) {
      expect(reached('escalated', key)).toBe(1);
      expect(reached('reminded', key)).toBe(2);
    }
  });

  it('should refuse to advance the system clock', async () => {
    const production = new EmbeddedProcessEngine(db.dataSource);
    await expect(production.advanceClock('PT1H')).rejects.toMatchObject({ code: 'CLOCK_NOT_CONTROLLABLE' });
  });
});
