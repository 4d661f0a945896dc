import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';
import { nextDue, scheduleTimer } from './timer-expression';

/** Europe/Brussels moves from +01:00 to +02:00 on Sunday 2026-03-29 at 02:00. */
describe('EmbeddedProcessEngine timers in a time zone across a DST change', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const instances = async (id: string) => (await db.dataSource.query(`SELECT key FROM process_instance WHERE bpmn_process_id = $1`, [id])).length;
  const nextStart = async () => ((await db.dataSource.query(`SELECT due_at FROM timer_start WHERE bpmn_process_id = 'brussels-morning'`))[0].due_at as Date).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase();
    // The engine clock starts on Friday 2026-03-27 at 12:00 UTC.
    await db.dataSource.query(`UPDATE engine_clock SET offset_ms = $1`, [Date.parse('2026-03-27T12:00:00Z') - Date.now()]);
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('timer-zones.bpmn'), fixture('timers.bpmn')]);
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should start an instance at 09:00 Brussels time before and after the change to summer time', async () => {
    // given R/2026-03-28T09:00:00+01:00[Europe/Brussels]/P1D, when the clock reaches Saturday 07:59 UTC nothing started
    await engine.advanceClock('PT19H59M');
    expect(await instances('brussels-morning')).toBe(0);
    // when it reaches 08:00 UTC (09:00 CET): one instance, the next due at 09:00 CEST = 07:00 UTC
    await engine.advanceClock('PT1M');
    expect(await instances('brussels-morning')).toBe(1);
    expect(await nextStart()).toBe('2026-03-29T07:00:00.000Z');
    // when Sunday 06:59 UTC: still one; at 07:00 UTC the second, the next one again at 09:00 local
    await engine.advanceClock('PT22H59M');
    expect(await instances('brussels-morning')).toBe(1);
    await engine.advanceClock('PT1M');
    expect(await instances('brussels-morning')).toBe(2);
    expect(await nextStart()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('should keep a boundary cycle with a zoned start at local time and fire a zoned date once', async () => {
    // given (on Sunday 07:00 UTC) a boundary cycle from Monday 09:00 CEST every day, and a catch until Sunday 09:00 CEST
    const cycle = await engine.createInstance('timer-cycle-feel', { cycle: 'R2/2026-03-30T09:00:00+02:00[Europe/Brussels]/P1D' });
    const date = await engine.createInstance('brussels-date');
    // when three days pass
    await engine.advanceClock('P3D');
    // then the catch fired at once (its date had come) and the cycle at 07:00 UTC twice
    const dueAt = (pi: string) => records.filter((r) => r.kind === 'TIMER_FIRED' && r.processInstanceKey === pi).map((r) => r.detail?.['dueAt']);
    expect(dueAt(date.processInstanceKey)).toEqual(['2026-03-29T07:00:00.000Z']);
    expect(dueAt(cycle.processInstanceKey)).toEqual(['2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
  });

  it('should step calendar days in the zone of the start and exact hours otherwise', () => {
    const saturday = scheduleTimer('cycle', 'R/2026-03-28T09:00:00+01:00[Europe/Brussels]/P1D', {}, new Date('2026-03-27T12:00:00Z'));
    expect(saturday.dueAt.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(nextDue(saturday.dueAt, saturday.interval as string).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // a fixed offset has no DST: a day is 24 hours
    const fixed = scheduleTimer('cycle', 'R/2026-03-28T09:00:00+01:00/P1D', {}, new Date('2026-03-27T12:00:00Z'));
    expect(nextDue(fixed.dueAt, fixed.interval as string).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // a zone id needs the offset before it, as in Zeebe (java ZonedDateTime)
    expect(() => scheduleTimer('date', '2026-03-28T09:00:00[Europe/Brussels]', {}, new Date())).toThrow(/needs an offset/);
    expect(() => scheduleTimer('date', '2026-03-28T09:00:00+01:00[Europe/Nowhere]', {}, new Date())).toThrow(/unknown time zone/);
  });
});
