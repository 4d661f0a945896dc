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
    await engine.deploy([fixture('end-events.bpmn'), fixture('terminate-in-event-sub-process.bpmn')]);
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

  it('should end only its event sub-process at a terminate end inside a non-interrupting event sub-process', async () => {
    // given an instance waiting at a user task, with a non-interrupting message event sub-process ending in a terminate end
    const { processInstanceKey } = await engine.createInstance('terminate-in-esp', { caseId: 'C-1' });
    // when the message triggers the event sub-process twice
    await engine.publishMessage({ name: 'note-added', correlationKey: 'C-1' });
    await engine.publishMessage({ name: 'note-added', correlationKey: 'C-1' });
    // then (Zeebe: a terminate end kills its own flow scope) each run ends, the task stays open and the instance runs on
    expect(reached('noteDone', processInstanceKey)).toBe(2);
    expect(records.filter((r) => r.kind === 'ELEMENT_TERMINATED')).toEqual([]);
    const [task] = await db.dataSource.query(`SELECT state FROM user_task WHERE process_instance_key = $1`, [processInstanceKey]);
    expect(task.state).toBe('CREATED');
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
  });
});
