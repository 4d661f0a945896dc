import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EngineError } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine external job, element, variable, clock and task-update commands', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  const activate = (worker = 'w1') => engine.activateJobs({ type: 'charge', maxJobsToActivate: 10, timeoutMs: 60_000, worker });

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    await engine.deploy([fixture('service-task.bpmn'), fixture('error-boundary.bpmn'), fixture('timer-catch.bpmn'), fixture('user-task.bpmn'), fixture('contact-employer.form')]);
  });
  afterAll(async () => {
    await engine.resetClock();
    await db.drop();
  });

  it('should activate a job once with its variables and headers, and complete it with variables', async () => {
    // given an instance waiting at a service task
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 21 });
    // when an external worker activates twice
    const [job] = await activate();
    const again = await activate('w2');
    // then the job came once, with its input mapping applied and the activation's facts
    expect(again.filter((j) => j.key === job.key)).toEqual([]);
    expect(job).toMatchObject({ type: 'charge', processInstanceKey, elementId: 'charge', retries: 2, customHeaders: { channel: 'sepa' }, worker: 'w1', processDefinitionVersion: 1 });
    expect(job.variables).toMatchObject({ amount: 21, doubled: 42 });
    // when completed with a variable
    await engine.completeJob(job.key, { charged: true });
    // then the instance finished with it and the job is gone
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
    await expect(engine.completeJob(job.key)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('should fetch only the requested variables', async () => {
    await engine.createInstance('service-task', { amount: 1, secret: 'x' });
    const jobs = await engine.activateJobs({ type: 'charge', maxJobsToActivate: 1, timeoutMs: 1000, worker: 'w', fetchVariable: ['amount'] });
    expect(jobs[0].variables).toEqual({ amount: 1 });
    await engine.completeJob(jobs[0].key);
  });

  it('should fail with a back-off, refuse a job not activated, and raise an incident when retries run out', async () => {
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    const [job] = await activate();
    await engine.failJob(job.key, { retries: 1, errorMessage: 'bank down', retryBackOffMs: 60_000 });
    // backing off: not activatable now, and a settle by key is refused
    expect(await activate()).toEqual([]);
    await expect(engine.completeJob(job.key)).rejects.toMatchObject({ code: 'JOB_NOT_ACTIVATED' });
    // after the back-off it comes back; failing without retries makes an incident
    await engine.advanceClock('PT2M');
    const [retried] = await activate();
    expect(retried.key).toBe(job.key);
    await engine.failJob(job.key, { retries: 0, errorMessage: 'still down' });
    const [incident] = await engine.listIncidents({ processInstanceKey });
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'still down', jobKey: job.key, state: 'ACTIVE' });
    // updateJob raises the retries, resolving makes it activatable again
    await engine.updateJob(job.key, { retries: 3 });
    await engine.resolveIncident(incident.key);
    const [resumed] = await activate();
    expect(resumed).toMatchObject({ key: job.key, retries: 3 });
    await engine.completeJob(job.key);
  });

  it('should extend an activation with updateJob and throw a BPMN error caught by a boundary', async () => {
    const { processInstanceKey } = await engine.createInstance('error-boundary', {});
    const [job] = await engine.activateJobs({ type: 'collect', maxJobsToActivate: 1, timeoutMs: 1000, worker: 'w' });
    await engine.updateJob(job.key, { timeoutMs: 3_600_000 });
    await engine.advanceClock('PT10M');
    // still held: the extended deadline has not passed
    expect(await engine.activateJobs({ type: 'collect', maxJobsToActivate: 1, timeoutMs: 1000, worker: 'other' })).toEqual([]);
    await engine.throwJobError(job.key, { errorCode: 'NO_MANDATE', variables: { reason: 'expired' } });
    expect(await engine.getVariables(processInstanceKey)).toEqual({ mandateProblem: 'expired' });
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });

  it('should list active element instances with names and variables per scope', async () => {
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'agent1' });
    const elements = await engine.searchElementInstances({ processInstanceKey });
    const task = elements.find((e) => e.elementId === 'contact');
    expect(task).toMatchObject({ elementType: 'userTask', elementName: 'Contact employer', bpmnProcessId: 'user-task', incidentKey: null });
    expect(await engine.searchElementInstances({ key: task?.key })).toHaveLength(1);
    expect(await engine.searchVariables({ processInstanceKey, name: 'owner' })).toEqual([{ name: 'owner', value: 'agent1', scopeKey: processInstanceKey, processInstanceKey }]);
    expect(await engine.searchVariables({ processInstanceKey: 'nonsense' })).toEqual([]);
  });

  it('should update an open user task and refuse a closed one', async () => {
    const { processInstanceKey } = await engine.createInstance('user-task', { owner: 'agent1' });
    const [task] = await engine.searchUserTasks({ processInstanceKey });
    const updated = await engine.updateUserTask(task.key, { dueDate: '2030-05-01T10:00:00.000Z', candidateGroups: ['legal'], priority: 80 });
    expect(updated).toMatchObject({ dueDate: '2030-05-01T10:00:00.000Z', candidateGroups: ['legal'], candidateUsers: task.candidateUsers, priority: 80, version: task.version + 1 });
    const cleared = await engine.updateUserTask(task.key, { dueDate: null });
    expect(cleared.dueDate).toBeNull();
    expect(cleared.priority).toBe(80);
    await engine.completeUserTask(task.key, {});
    await expect(engine.updateUserTask(task.key, { priority: 1 })).rejects.toMatchObject({ code: 'TASK_NOT_ACTIVE' });
    await expect(engine.updateUserTask('123', { priority: 1 })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('should pin the clock to an absolute time, firing due timers, and reset it', async () => {
    const { processInstanceKey } = await engine.createInstance('timer-catch', { waitFor: 'PT1H' });
    const target = new Date(engine.now().getTime() + 2 * 3_600_000);
    const pinned = await engine.pinClock(target);
    expect(Math.abs(new Date(pinned.now).getTime() - target.getTime())).toBeLessThan(1000);
    expect(pinned.timersFired).toBeGreaterThanOrEqual(1);
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
    const reset = await engine.resetClock();
    expect(Math.abs(new Date(reset.now).getTime() - Date.now())).toBeLessThan(1000);
  });

  it('should refuse to pin or reset the system clock', async () => {
    const production = new EmbeddedProcessEngine(db.dataSource);
    await expect(production.pinClock(new Date())).rejects.toBeInstanceOf(EngineError);
    await expect(production.resetClock()).rejects.toMatchObject({ code: 'CLOCK_NOT_CONTROLLABLE' });
  });
});
