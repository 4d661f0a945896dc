import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine error and terminate end events', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const reached = (end: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === end && r.processInstanceKey === pi).length;
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource);
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('end-events.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should catch an error end event on the boundary of its sub-process', async () => {
    const { processInstanceKey } = await engine.createInstance('end-events', { amount: -1 });
    expect(reached('endRejected', processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should terminate the parallel branch and complete the instance at a terminate end event', async () => {
    // given a valid amount: the fork starts a job and reaches the terminate end at once
    const { processInstanceKey } = await engine.createInstance('end-events', { amount: 5 });
    // then the job's task was terminated, no job is left and the instance completed
    expect(records.filter((r) => r.kind === 'ELEMENT_TERMINATED').map((r) => r.elementId)).toEqual(['slow']);
    expect(await db.dataSource.query(`SELECT 1 FROM job WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });
});
