import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine timer kinds and positions', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const reached = (elementId: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === elementId && r.processInstanceKey === pi).length;
  const timers = async (pi: string) => (await db.dataSource.query(`SELECT element_id FROM timer WHERE process_instance_key = $1`, [pi])).length;
  const row = async (table: string, pi: string) => (await db.dataSource.query(`SELECT state FROM ${table} WHERE ${table === 'process_instance' ? 'key' : 'process_instance_key'} = $1`, [pi]))[0]?.state;
  const taskKey = async (pi: string) => (await db.dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1`, [pi]))[0].key as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('timers.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should fire an R3/PT1H cycle on a non-interrupting boundary exactly three times', async () => {
    // given a task with a static R3/PT1H reminder
    const { processInstanceKey } = await engine.createInstance('timer-r3');
    // when five hours pass
    await engine.advanceClock('PT5H');
    // then three reminders ran, the timer is gone and the task is still open
    expect(reached('ticked', processInstanceKey)).toBe(3);
    expect(await timers(processInstanceKey)).toBe(0);
    expect(await row('user_task', processInstanceKey)).toBe('CREATED');
  });

  it('should keep firing an unbounded FEEL-computed R/PT1H cycle until its host is left', async () => {
    // given a task whose reminder cycle comes from a variable
    const { processInstanceKey } = await engine.createInstance('timer-cycle-feel', { cycle: 'R/PT1H' });
    // when ten hours pass in two steps
    await engine.advanceClock('PT5H');
    expect(reached('ticked2', processInstanceKey)).toBe(5);
    await engine.advanceClock('PT5H');
    expect(reached('ticked2', processInstanceKey)).toBe(10);
    // when the task completes and more time passes
    await engine.completeUserTask(await taskKey(processInstanceKey), {});
    await engine.advanceClock('PT5H');
    // then the cycle stopped with its host
    expect(reached('ticked2', processInstanceKey)).toBe(10);
    expect(await timers(processInstanceKey)).toBe(0);
    expect(await row('process_instance', processInstanceKey)).toBe('COMPLETED');
  });

  it('should fire a FEEL-computed cycle with a start date from that date on, at every interval', async () => {
    // given a cycle starting in 90 minutes, every 2 hours, 3 times
    const start = new Date(engine.now().getTime() + 90 * 60_000).toISOString();
    const { processInstanceKey } = await engine.createInstance('timer-cycle-feel', { cycle: `R3/${start}/PT2H` });
    // when 89 minutes pass nothing fires; at 90 the first; then every two hours, three in all
    await engine.advanceClock('PT89M');
    expect(reached('ticked2', processInstanceKey)).toBe(0);
    await engine.advanceClock('PT1M');
    expect(reached('ticked2', processInstanceKey)).toBe(1);
    await engine.advanceClock('PT10H');
    const fired = records.filter((r) => r.kind === 'TIMER_FIRED' && r.processInstanceKey === processInstanceKey).map((r) => r.detail?.['dueAt']);
    expect(fired).toEqual([0, 2, 4].map((h) => new Date(Date.parse(start) + h * 3_600_000).toISOString()));
  });

  it('should interrupt a task at a FEEL-computed date and not before', async () => {
    // given a decision allowed two days from now
    const { processInstanceKey } = await engine.createInstance('timer-deadline', { allowed: 'P2D' });
    // when 47 hours pass the task is still open; two more and the deadline fired
    await engine.advanceClock('PT47H');
    expect(await row('user_task', processInstanceKey)).toBe('CREATED');
    await engine.advanceClock('PT2H');
    // then the task was canceled and the late path completed the instance
    expect(reached('late', processInstanceKey)).toBe(1);
    expect(await row('user_task', processInstanceKey)).toBe('CANCELED');
    expect(await row('process_instance', processInstanceKey)).toBe('COMPLETED');
  });

  it('should run a non-interrupting timer cycle event sub-process until an interrupting timer one ends the instance', async () => {
    // given work with an R/PT30M nudge and a PT2H15M expiry as event sub-processes
    const { processInstanceKey } = await engine.createInstance('timer-event-sub-processes');
    // when one hour passes: two nudges, the work goes on
    await engine.advanceClock('PT1H');
    expect(reached('nudged', processInstanceKey)).toBe(2);
    expect(await row('user_task', processInstanceKey)).toBe('CREATED');
    // when two more hours pass
    await engine.advanceClock('PT2H');
    // then the nudges at 1:30 and 2:00 ran, the expiry at 2:15 canceled the work and closed the nudges
    expect(reached('nudged', processInstanceKey)).toBe(4);
    expect(reached('closedExpired', processInstanceKey)).toBe(1);
    expect(await row('user_task', processInstanceKey)).toBe('CANCELED');
    expect(await row('process_instance', processInstanceKey)).toBe('COMPLETED');
    expect(await timers(processInstanceKey)).toBe(0);
  });
});
