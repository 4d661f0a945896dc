import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord, JobOutcome } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine error event sub-processes', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const outcomes: JobOutcome[] = [];
  const reached = (elementId: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === elementId && r.processInstanceKey === pi).length;
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('risky', async () => outcomes.shift() ?? { outcome: 'complete' });
    await engine.deploy([fixture('error-event-sub-processes.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should catch an error in the event sub-process of its own scope, which then completes normally', async () => {
    // given a job inside a sub-process with an INNER error event sub-process
    const { processInstanceKey } = await engine.createInstance('error-event-sub-processes');
    // when the job throws INNER
    outcomes.push({ outcome: 'error', errorCode: 'INNER', variables: { reason: 'inner' } });
    await engine.runDueWork();
    // then the inner event sub-process handled it and the sub-process went on to the normal end
    expect(reached('handledInside', processInstanceKey)).toBe(1);
    expect(reached('done', processInstanceKey)).toBe(1);
    expect(reached('handledAtProcess', processInstanceKey)).toBe(0);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({});
  });

  it('should let the process-level catch-all take another code, ending the instance with the mapped payload', async () => {
    const { processInstanceKey } = await engine.createInstance('error-event-sub-processes');
    // when the job throws OTHER
    outcomes.push({ outcome: 'error', errorCode: 'OTHER', variables: { reason: 'outer', noise: 1 } });
    await engine.runDueWork();
    // then the sub-process was terminated and the process-level event sub-process ended the instance
    expect(reached('handledAtProcess', processInstanceKey)).toBe(1);
    expect(reached('done', processInstanceKey)).toBe(0);
    expect(records.filter((r) => r.kind === 'ELEMENT_TERMINATED').map((r) => r.elementId)).toEqual(expect.arrayContaining(['risky', 'inner']));
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ failureReason: 'outer' });
    expect(await engine.listIncidents({ processInstanceKey })).toEqual([]);
  });
});
