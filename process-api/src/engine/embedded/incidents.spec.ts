import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { JobOutcome } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine incidents', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  const outcomes: JobOutcome[] = [];
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.registerWorker('charge', async () => outcomes.shift() ?? { outcome: 'complete', variables: { charged: true } });
    await engine.deploy([fixture('gateway.bpmn'), fixture('service-task.bpmn')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should retry a gateway after its data was fixed and the incident resolved', async () => {
    // given a gateway incident on a missing amount, while another instance runs unaffected
    const { processInstanceKey } = await engine.createInstance('gateway', {});
    const healthy = await engine.createInstance('gateway', { amount: 1 });
    expect(await instanceState(healthy.processInstanceKey)).toBe('COMPLETED');
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(incident).toEqual(expect.objectContaining({ elementId: 'xor', errorType: 'EXTRACT_VALUE_ERROR', bpmnProcessId: 'gateway' }));
    // when the amount is set and the incident resolved
    await engine.setVariables(processInstanceKey, { amount: 60 });
    await engine.resolveIncident(incident?.key ?? '');
    // then the gateway is evaluated again and the instance completes
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' })).toEqual([]);
  });

  it('should raise JOB_NO_RETRIES again until the retries are raised, then run the job', async () => {
    // given a job that failed without retries
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    outcomes.push({ outcome: 'fail', errorMessage: 'down', retries: 0 });
    await engine.runDueWork();
    const [first] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    // when it is resolved without raising the retries
    await engine.resolveIncident(first?.key ?? '');
    // then a new incident appears
    const [second] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(second?.errorType).toBe('JOB_NO_RETRIES');
    expect(second?.key).not.toBe(first?.key);
    // when the retries are raised and the incident resolved
    await engine.updateJobRetries(second?.jobKey ?? '', 1);
    await engine.resolveIncident(second?.key ?? '');
    await engine.runDueWork();
    // then the job ran and the instance completed
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 1, charged: true });
  });

  it('should re-enable the job of an unhandled BPMN error on resolve', async () => {
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    outcomes.push({ outcome: 'error', errorCode: 'X' });
    await engine.runDueWork();
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(incident?.errorType).toBe('UNHANDLED_ERROR_EVENT');
    await engine.resolveIncident(incident?.key ?? '');
    await engine.runDueWork();
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should write a local variable into exactly the given scope', async () => {
    // given an instance waiting at the service task whose input mapping created a local
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 2 });
    const [task] = await db.dataSource.query(`SELECT key::text FROM element_instance WHERE process_instance_key = $1 AND element_id = 'charge'`, [processInstanceKey]);
    // when setting doubled locally on the task and note globally from the task
    await engine.setVariables(task.key, { doubled: 5 }, { local: true });
    await engine.setVariables(task.key, { note: 'n' });
    // then the root got only note; the local stayed local
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 2, note: 'n' });
    const [local] = await db.dataSource.query(`SELECT value FROM variable WHERE scope_key = $1 AND name = 'doubled'`, [task.key]);
    expect(local.value).toBe(5);
  });
});
