import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord, JobOutcome } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine BPMN errors and job timeouts', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const outcomes: JobOutcome[] = [];
  const reached = (end: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === end && r.processInstanceKey === pi).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('collect', async () => outcomes.shift() ?? { outcome: 'complete' });
    await engine.deploy([fixture('error-boundary.bpmn'), fixture('service-task.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should catch a BPMN error by the boundary with its exact code, exposing the payload only through output mappings', async () => {
    // given a job that throws NO_MANDATE with a payload
    const { processInstanceKey } = await engine.createInstance('error-boundary', {});
    outcomes.push({ outcome: 'error', errorCode: 'NO_MANDATE', variables: { reason: 'expired', extra: 1 } });
    // when drained
    await engine.runDueWork();
    // then the specific boundary (not the catch-all) ran and only the mapped payload reached the instance
    expect(reached('endNoMandate', processInstanceKey)).toBe(1);
    expect(reached('endAny', processInstanceKey)).toBe(0);
    expect(await engine.getVariables(processInstanceKey)).toEqual({ mandateProblem: 'expired' });
    expect(await db.dataSource.query(`SELECT 1 FROM job WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
  });

  it('should fall back to the catch-all error boundary for another code', async () => {
    const { processInstanceKey } = await engine.createInstance('error-boundary', {});
    outcomes.push({ outcome: 'error', errorCode: 'SOMETHING_ELSE' });
    await engine.runDueWork();
    expect(reached('endAny', processInstanceKey)).toBe(1);
  });

  it('should make a timed-out job activatable again with unchanged retries and ignore the late result', async () => {
    // given engine A whose handler stalls past the job timeout while engine B takes the job over
    const other = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    const retriesSeen: number[] = [];
    other.registerWorker('charge', async (job) => {
      retriesSeen.push(job.retries);
      return { outcome: 'complete', variables: { by: 'b' } };
    });
    const slow = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    slow.registerWorker('charge', async (job) => {
      retriesSeen.push(job.retries);
      await slow.advanceClock('PT2M');
      await other.runDueWork();
      return { outcome: 'complete', variables: { by: 'a' } };
    }, { timeoutMs: 60_000 });
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    // when A runs the job
    await slow.runDueWork();
    // then B completed it with the same retries and A's late completion changed nothing
    expect(retriesSeen).toEqual([2, 2]);
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 1, by: 'b' });
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM outbox WHERE kind = 'JOB_COMPLETED' AND process_instance_key = $1`, [processInstanceKey]);
    expect(count).toBe(1);
  });
});
