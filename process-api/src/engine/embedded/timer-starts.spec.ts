import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineError } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine timer start events', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  const instances = async (id: string) => (await db.dataSource.query(
    `SELECT version, state FROM process_instance WHERE bpmn_process_id = $1 ORDER BY key`, [id])) as { version: number; state: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should start an instance at every tick of an unbounded cycle, from the start event', async () => {
    // given a process with an R/PT1H timer start
    await engine.deploy([fixture('timer-start-cycle.bpmn')]);
    // when two hours pass, one at a time
    await engine.advanceClock('PT1H');
    await engine.advanceClock('PT1H');
    // then two instances ran through
    expect(await instances('timer-start-cycle')).toEqual([{ version: 1, state: 'COMPLETED' }, { version: 1, state: 'COMPLETED' }]);
  });

  it('should replace the old version\'s timers with the new version\'s', async () => {
    // given the cycle of version 1, when version 2 with a date long past is deployed
    await engine.deploy([{ ...fixture('timer-start-date.bpmn'), name: 'timer-start-cycle.bpmn', content: fixture('timer-start-date.bpmn').content.replace('timer-start-date', 'timer-start-cycle') }]);
    await engine.runDueWork();
    await engine.advanceClock('PT3H');
    // then version 2 fired once (its date was due) and version 1's cycle never fired again
    const all = await instances('timer-start-cycle');
    expect(all.filter((i) => i.version === 2)).toEqual([{ version: 2, state: 'COMPLETED' }]);
    expect(all.filter((i) => i.version === 1).length).toBe(2);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM timer_start WHERE bpmn_process_id = 'timer-start-cycle'`))[0].n).toBe(0);
  });

  it('should stop a bounded cycle after its repetitions', async () => {
    await engine.deploy([fixture('timer-start-bounded.bpmn')]);
    for (let i = 0; i < 4; i++) await engine.advanceClock('PT1H');
    expect((await instances('timer-start-bounded')).length).toBe(2);
  });

  it('should keep the timers of an unchanged re-deployment', async () => {
    // given the bounded process deployed again unchanged (a duplicate, no new version)
    await engine.deploy([fixture('timer-start-cycle.bpmn', 'cycle-again.bpmn')]);
    const before = (await instances('timer-start-cycle')).length;
    await engine.deploy([fixture('timer-start-cycle.bpmn', 'cycle-again.bpmn')]);
    // when an hour passes
    await engine.advanceClock('PT1H');
    // then exactly one more instance started
    expect((await instances('timer-start-cycle')).length).toBe(before + 1);
  });

  it('should evaluate FEEL timer start expressions at deployment, without variables, on the engine clock', async () => {
    // given a FEEL date two hours after deployment and a FEEL cycle R2/PT3H
    await engine.deploy([fixture('timer-start-feel.bpmn')]);
    const count = async () => (await instances('timer-start-feel')).length;
    // when the clock moves: the date at 2 h, the cycle at 3 h and 6 h, nothing after
    await engine.advanceClock('PT1H59M');
    expect(await count()).toBe(0);
    await engine.advanceClock('PT1M');
    expect(await count()).toBe(1);
    await engine.advanceClock('PT1H');
    expect(await count()).toBe(2);
    await engine.advanceClock('PT13H');
    expect(await count()).toBe(3);
  });

  it('should refuse a FEEL timer start expression that gives no timer, by element id, deploying nothing', async () => {
    const content = fixture('timer-start-feel.bpmn').content.replaceAll('timer-start-feel', 'timer-start-null').replace('=now() + duration("PT2H")', '=missing');
    const error = (await engine.deploy([{ name: 'timer-start-null.bpmn', content }]).catch((e: EngineError) => e)) as EngineError;
    expect(error.code).toBe('DEPLOYMENT_REJECTED');
    expect(error.problems).toEqual([{ resource: 'timer-start-null.bpmn', elementId: 'dynamic', message: expect.stringContaining('gave null') }]);
    expect(await instances('timer-start-null')).toEqual([]);
    expect(await db.dataSource.query(`SELECT 1 FROM process_definition WHERE bpmn_process_id = 'timer-start-null'`)).toEqual([]);
  });
});
