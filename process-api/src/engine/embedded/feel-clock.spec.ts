import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

const DAY = 24 * 3600 * 1000;

describe('EmbeddedProcessEngine FEEL time', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let systemEngine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const created = (pi: string) => records.find((r) => r.kind === 'USER_TASK_CREATED' && r.processInstanceKey === pi) as EngineRecord;
  const task = async (pi: string) => (await db.dataSource.query(`SELECT due_date, follow_up_date FROM user_task WHERE process_instance_key = $1`, [pi]))[0];
  const timerDue = async (pi: string) => (await db.dataSource.query(`SELECT due_at FROM timer WHERE process_instance_key = $1`, [pi]))[0]?.due_at as Date | undefined;
  const ended = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    systemEngine = new EmbeddedProcessEngine(db.dataSource);
    for (const e of [engine, systemEngine]) e.onRecords(async (_tx, r) => void records.push(...r));
    await engine.deploy([fixture('feel-clock.bpmn')]);
    await engine.advanceClock('P16D');
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should compute now() and today() from the clock of the engine doing the work', async () => {
    // given the demo clock 16 days ahead
    // when an instance reaches the user task
    const { processInstanceKey: pi } = await engine.createInstance('feel-clock', { followUp: null, deadline: null });
    // then the due date is exactly 5 days after the command's engine time and today() is the engine's (UTC) day
    const at = new Date(created(pi).at);
    expect(at.getTime()).toBeGreaterThan(Date.now() + 15 * DAY);
    expect((await task(pi)).due_date.toISOString()).toBe(new Date(at.getTime() + 5 * DAY).toISOString());
    expect(created(pi).variables?.['createdOn']).toBe(at.toISOString().slice(0, 10));
    // and the now()-based boundary timer lies one hour after the engine time, not in the past
    expect((await timerDue(pi))?.toISOString()).toBe(new Date(at.getTime() + 3600_000).toISOString());
    await engine.advanceClock('PT30M');
    expect(await ended(pi)).toBe('ACTIVE');
    await engine.advanceClock('PT1H');
    expect(await ended(pi)).toBe('COMPLETED');
  });

  it('should let two engines in one process evaluate now() with their own clocks', async () => {
    // given one engine with the advanced demo clock and one with the system clock
    // when both create an instance at the same moment
    const [demo, system] = await Promise.all([engine.createInstance('feel-clock', {}), systemEngine.createInstance('feel-clock', {})]);
    // then each due date follows its own engine's clock
    const demoDue = (await task(demo.processInstanceKey)).due_date.getTime();
    const systemDue = (await task(system.processInstanceKey)).due_date.getTime();
    expect(demoDue).toBe(new Date(created(demo.processInstanceKey).at).getTime() + 5 * DAY);
    expect(systemDue).toBe(new Date(created(system.processInstanceKey).at).getTime() + 5 * DAY);
    expect(Math.abs(systemDue - (Date.now() + 5 * DAY))).toBeLessThan(60_000);
    expect(demoDue - systemDue).toBeGreaterThan(15 * DAY);
  });

  it('should read a FEEL date-time without offset as UTC for task dates and timers', async () => {
    // given zoneless date-times as feelin prints them
    const later = new Date(engine.now().getTime() + 10 * DAY).toISOString().replace('Z', '');
    // when an instance uses them as follow-up date and timer date
    const { processInstanceKey: pi } = await engine.createInstance('feel-clock', { followUp: '2026-12-08T13:39:48.128', deadline: later });
    // then both are that wall time in UTC
    expect((await task(pi)).follow_up_date.toISOString()).toBe('2026-12-08T13:39:48.128Z');
    expect((await timerDue(pi))?.toISOString()).toBe(`${later}Z`);
  });
});
