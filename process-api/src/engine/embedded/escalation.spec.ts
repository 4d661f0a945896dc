import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine escalation events', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const task = async (pi: string) => (await db.dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`, [pi]))[0]?.key as string | undefined;
  const completed = (elementId: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === elementId).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('escalation.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should let a non-interrupting boundary catch the exact code while the thrower continues, then an interrupting catch-all end the sub-process', async () => {
    // given an instance: the intermediate throw LATE inside the sub-process
    const { processInstanceKey } = await engine.createInstance('escalation-boundary');
    // then the LATE boundary (exact code, not the catch-all) started a token and the sub-process went on to its task
    expect(completed('endNoted')).toBe(1);
    expect(completed('endAborted')).toBe(0);
    expect(completed('throwLate')).toBe(1);
    // when the task completes and the end event throws ABORT
    await engine.completeUserTask((await task(processInstanceKey)) ?? '', {});
    // then the interrupting catch-all ended the sub-process, which did not take its normal flow
    expect(completed('endAborted')).toBe(1);
    expect(completed('end')).toBe(0);
    expect(records.some((r) => r.kind === 'ELEMENT_TERMINATED' && r.elementId === 'handle')).toBe(true);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should start a non-interrupting escalation event sub-process and ignore an uncaught escalation without an incident', async () => {
    const { processInstanceKey } = await engine.createInstance('escalation-esp');
    expect(completed('lateHandled')).toBe(1);
    expect(completed('eThrowNobody')).toBe(1);
    expect(await engine.listIncidents({ processInstanceKey })).toEqual([]);
    expect(await task(processInstanceKey)).toBeDefined();
    expect(await state(processInstanceKey)).toBe('ACTIVE');
  });

  it('should let an escalation from a called child reach a boundary on the call activity', async () => {
    const { processInstanceKey } = await engine.createInstance('escalation-caller');
    expect(records.find((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'cNoted')?.processInstanceKey).toBe(processInstanceKey);
    const [child] = await db.dataSource.query(`SELECT key::text, state FROM process_instance WHERE root_process_instance_key = $1 AND key <> $1`, [processInstanceKey]);
    expect(child.state).toBe('ACTIVE');
    expect(await state(processInstanceKey)).toBe('ACTIVE');
  });

  it('should refuse a process-level escalation start, a code-less escalation throw and an escalation boundary on a task', async () => {
    const error = await engine.deploy([fixture('escalation-invalid.bpmn')]).catch((e: { problems: { elementId?: string }[] }) => e);
    expect((error as { problems: { elementId?: string }[] }).problems.map((p) => p.elementId).sort()).toEqual(['codeless', 'escalation-invalid', 'escalationStart', 'onTask']);
  });
});
