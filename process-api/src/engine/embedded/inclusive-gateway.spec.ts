import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine inclusive gateway', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const tasks = async (pi: string) => (await db.dataSource.query(
    `SELECT key::text, element_id FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED' ORDER BY element_id`, [pi])) as { key: string; element_id: string }[];
  const completed = (elementId: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === elementId).length;
  const finish = async (pi: string, elementId: string) => {
    const task = (await tasks(pi)).find((t) => t.element_id === elementId);
    await engine.completeUserTask(task?.key ?? '', {});
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('inclusive.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should take every true flow and join exactly those', async () => {
    // given pasta and salad
    const { processInstanceKey } = await engine.createInstance('inclusive', { pasta: true, salad: true });
    expect((await tasks(processInstanceKey)).map((t) => t.element_id)).toEqual(['pasta', 'salad']);
    // when pasta is done the join still waits for salad
    await finish(processInstanceKey, 'pasta');
    expect(completed('join')).toBe(0);
    expect(await state(processInstanceKey)).toBe('ACTIVE');
    // when salad is done too
    await finish(processInstanceKey, 'salad');
    // then the join fired once and the instance completed
    expect(completed('join')).toBe(1);
    expect(completed('end')).toBe(1);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should not wait at the join for flows that were not taken', async () => {
    const { processInstanceKey } = await engine.createInstance('inclusive', { pasta: false, salad: true });
    await finish(processInstanceKey, 'salad');
    expect(completed('join')).toBe(1);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should take the default flow when no condition is true', async () => {
    const { processInstanceKey } = await engine.createInstance('inclusive', { pasta: false, salad: false });
    expect((await tasks(processInstanceKey)).map((t) => t.element_id)).toEqual(['soup']);
  });

  it('should fire the join once the waiting branch can no longer reach it', async () => {
    // given pasta and salad, salad done: the join waits for pasta
    const { processInstanceKey } = await engine.createInstance('inclusive', { pasta: true, salad: true });
    await finish(processInstanceKey, 'salad');
    expect(completed('join')).toBe(0);
    // when the interrupting timer on pasta leads away from the join
    await engine.advanceClock('PT1H');
    // then the join fires with what arrived and both ends were reached
    expect(completed('endBurnt')).toBe(1);
    expect(completed('join')).toBe(1);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should raise CONDITION_ERROR when no flow matches and there is no default, and take several flows on resolve', async () => {
    // given x = 0: neither condition holds
    const { processInstanceKey } = await engine.createInstance('inclusive-strict', { x: 0 });
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect([incident?.elementId, incident?.errorType]).toEqual(['strictFork', 'CONDITION_ERROR']);
    await engine.setVariables(processInstanceKey, { x: 5 });
    await engine.resolveIncident(incident?.key ?? '');
    expect([completed('sEnd1'), completed('sEnd2')]).toEqual([1, 1]);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should refuse an inclusive fork with an unconditioned flow that is not the default', async () => {
    const error = await engine.deploy([fixture('inclusive-invalid.bpmn')]).catch((e: { problems: { elementId?: string }[] }) => e);
    expect((error as { problems: { elementId?: string }[] }).problems.map((p) => p.elementId)).toEqual(['withoutCondition']);
  });
});
