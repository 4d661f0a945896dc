import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { ActivatedJob, EngineRecord, JobOutcome } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine jobs, gateways and cancellation', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const outcomes: JobOutcome[] = [];
  const seen: ActivatedJob[] = [];
  const incidents = (pi: string) => db.dataSource.query(`SELECT element_id, error_type, state FROM incident WHERE process_instance_key = $1`, [pi]);
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('charge', async (job) => {
      seen.push(job);
      return outcomes.shift() ?? { outcome: 'complete' };
    });
    await engine.deploy([fixture('start-end.bpmn'), fixture('service-task.bpmn'), fixture('gateway.bpmn'), fixture('gateway-no-default.bpmn'), fixture('parallel.bpmn'), fixture('message-start.bpmn')]);
  });
  beforeEach(() => {
    records = [];
    seen.length = 0;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should run a process from start to end in one command', async () => {
    // when starting the start-end process
    const { processInstanceKey, version } = await engine.createInstance('start-end', { a: 1 });
    // then it completed and kept its root variables
    expect(version).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ a: 1 });
    expect(records.map((r) => r.kind)).toContain('PROCESS_INSTANCE_COMPLETED');
  });

  it('should hand a job with headers and visible variables to the worker and merge its result up', async () => {
    // given an instance waiting at a service task
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 21 });
    outcomes.push({ outcome: 'complete', variables: { paid: true, doubled: 0 } });
    // when the work is drained
    await engine.runDueWork();
    // then the worker saw the headers and the input-mapped local; the result merged up except the swallowed local
    expect(seen[0]).toEqual(expect.objectContaining({ type: 'charge', retries: 2, customHeaders: { channel: 'sepa' }, variables: { amount: 21, doubled: 42 } }));
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 21, paid: true });
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should publish the messages of a completed job in the completing transaction, and only once', async () => {
    // given a service task whose worker completes with a message that starts another process
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 5 });
    outcomes.push({ outcome: 'complete', variables: { charged: true }, messages: [{ name: 'claim-received', correlationKey: 'claim-7', variables: { from: 'job' } }] });
    // when the job runs
    await engine.runDueWork();
    // then the job's instance moved on and exactly one instance was started by the message, carrying its variables
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(seen[0]?.rootProcessInstanceKey).toBe(processInstanceKey);
    const started = await db.dataSource.query(`SELECT key::text FROM process_instance WHERE bpmn_process_id = 'message-start' AND correlation_tag = 'claim-7'`);
    expect(started).toHaveLength(1);
    expect(await engine.getVariables(started[0].key)).toMatchObject({ from: 'job' });
  });

  it('should retry a failed job after its back-off and raise JOB_NO_RETRIES when retries run out', async () => {
    // given an instance whose job fails with back-off, then fails for good
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    outcomes.push({ outcome: 'fail', errorMessage: 'bank down', retryBackOffMs: 60_000 });
    await engine.runDueWork();
    // then it waits for the back-off
    const [job] = await db.dataSource.query(`SELECT retries, state FROM job WHERE process_instance_key = $1`, [processInstanceKey]);
    expect(job).toEqual({ retries: 1, state: 'ACTIVATABLE' });
    expect(seen).toHaveLength(1);
    // when the back-off passes and the handler throws
    engine.registerWorker('unused', async () => ({ outcome: 'complete' }));
    outcomes.push({ outcome: 'fail', errorMessage: 'still down' });
    await engine.advanceClock('PT2M');
    await engine.runDueWork();
    // then retries are exhausted and an incident holds the task
    expect(seen).toHaveLength(2);
    expect(await incidents(processInstanceKey)).toEqual([{ element_id: 'charge', error_type: 'JOB_NO_RETRIES', state: 'ACTIVE' }]);
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
  });

  it('should raise UNHANDLED_ERROR_EVENT for an uncaught BPMN error', async () => {
    // given an instance whose job throws a BPMN error nobody catches
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    outcomes.push({ outcome: 'error', errorCode: 'NO_MANDATE' });
    // when drained
    await engine.runDueWork();
    // then an incident records the unhandled error
    expect(await incidents(processInstanceKey)).toEqual([{ element_id: 'charge', error_type: 'UNHANDLED_ERROR_EVENT', state: 'ACTIVE' }]);
  });

  it.each([
    [200, 'endHigh'],
    [60, 'endMid'],
    [10, 'endLow'],
  ])('should route amount %d through the first true condition in XML order or the default (%s)', async (amount, end) => {
    // when an instance passes the exclusive gateway
    await engine.createInstance('gateway', { amount });
    // then exactly the expected end was reached
    const ends = records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementType === 'endEvent').map((r) => r.elementId);
    expect(ends).toEqual([end]);
  });

  it('should raise CONDITION_ERROR when nothing matches and there is no default', async () => {
    const { processInstanceKey } = await engine.createInstance('gateway-no-default', { amount: 1 });
    expect(await incidents(processInstanceKey)).toEqual([{ element_id: 'xor', error_type: 'CONDITION_ERROR', state: 'ACTIVE' }]);
  });

  it('should raise EXTRACT_VALUE_ERROR for a null condition instead of treating it as false', async () => {
    // given no amount at all: the conditions are null, not false, even though a default exists
    const { processInstanceKey } = await engine.createInstance('gateway', {});
    expect(await incidents(processInstanceKey)).toEqual([{ element_id: 'xor', error_type: 'EXTRACT_VALUE_ERROR', state: 'ACTIVE' }]);
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
  });

  it('should fork and join parallel branches', async () => {
    // given both branch workers
    engine.registerWorker('a', async () => ({ outcome: 'complete', variables: { a: 1 } }));
    engine.registerWorker('b', async () => ({ outcome: 'complete', variables: { b: 2 } }));
    const { processInstanceKey } = await engine.createInstance('parallel', {});
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
    // when both jobs complete
    await engine.runDueWork();
    // then the join fired once and the instance completed
    expect(records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'join')).toHaveLength(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ a: 1, b: 2 });
  });

  it('should cancel an instance and remove its jobs', async () => {
    // given an instance waiting at a job
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    // when it is canceled
    await engine.cancelInstance(processInstanceKey);
    // then it is canceled, the job is gone and nothing is left to run
    expect(await instanceState(processInstanceKey)).toBe('CANCELED');
    expect(await db.dataSource.query(`SELECT 1 FROM job WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
    expect(await db.dataSource.query(`SELECT 1 FROM element_instance WHERE process_instance_key = $1`, [processInstanceKey])).toEqual([]);
  });

  it('should wake a started worker right after the commit that created its job', async () => {
    // given a started engine with a worker that reports the job it got
    const live = new EmbeddedProcessEngine(db.dataSource);
    const handled = new Promise<ActivatedJob>((resolve) => live.registerWorker('charge', async (job) => {
      resolve(job);
      return { outcome: 'complete' };
    }));
    await live.start();
    // when an instance creates a job
    const { processInstanceKey } = await live.createInstance('service-task', { amount: 3 });
    // then the worker handled it without anyone draining
    expect((await handled).processInstanceKey).toBe(processInstanceKey);
    await live.stop();
  });
});
