import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord, Variables } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine multi-instance', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const steps: Variables[] = [];
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const openTasks = async (pi: string) => (await db.dataSource.query(
    `SELECT key::text FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED' ORDER BY key`, [pi])).map((r: { key: string }) => r.key) as string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('mi-step', async (job) => {
      steps.push(job.variables);
      return { outcome: 'complete' };
    });
    engine.registerWorker('mi-check', async (job) =>
      job.variables['item'] === 'bad' ? { outcome: 'error', errorCode: 'BROKEN' } : { outcome: 'complete', variables: { ok: true } });
    engine.registerWorker('child-work', async (job) => ({ outcome: 'complete', variables: { result: `done-${String(job.variables['region'])}` } }));
    await engine.deploy([fixture('multi-instance.bpmn'), fixture('call-child.bpmn')]);
  });
  beforeEach(() => {
    records = [];
    steps.length = 0;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should run parallel iterations with their own item and collect the outputs by index whatever the completion order', async () => {
    // given three items
    const { processInstanceKey } = await engine.createInstance('mi-parallel', { caseId: 'mi-1', items: ['a', 'b', 'c'] });
    const [a, b, c] = await openTasks(processInstanceKey);
    // then three user tasks exist at once, each seeing its own item, loopCounter and input mapping
    const [first] = records.filter((r) => r.kind === 'USER_TASK_CREATED');
    expect(first?.variables).toMatchObject({ item: 'a', loopCounter: 1, label: 'approving a' });
    expect(records.filter((r) => r.kind === 'ELEMENT_ACTIVATED' && r.elementType === 'multiInstanceBody').length).toBe(1);
    // when they complete c, a, b and b sets no decision
    await engine.completeUserTask(c ?? '', { decision: 'rc' });
    await engine.completeUserTask(a ?? '', { decision: 'ra' });
    expect(await state(processInstanceKey)).toBe('ACTIVE');
    await engine.completeUserTask(b ?? '', {});
    // then the output collection keeps the input order and iteration locals did not leak
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'mi-1', items: ['a', 'b', 'c'], decisions: ['ra', null, 'rc'] });
  });

  it('should complete at once with an empty output collection for an empty input collection', async () => {
    const { processInstanceKey } = await engine.createInstance('mi-parallel', { caseId: 'mi-2', items: [] });
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect((await engine.getVariables(processInstanceKey))['decisions']).toEqual([]);
  });

  it('should kill every iteration through an interrupting boundary on the body, without an output collection', async () => {
    // given two open iterations
    const { processInstanceKey } = await engine.createInstance('mi-parallel', { caseId: 'mi-3', items: ['a', 'b'] });
    // when the stop message arrives
    await engine.publishMessage({ name: 'stop-review', correlationKey: 'mi-3' });
    // then both user tasks are canceled, the boundary path ran and no decisions came back
    expect(records.filter((r) => r.kind === 'USER_TASK_CANCELED').length).toBe(2);
    expect(await openTasks(processInstanceKey)).toEqual([]);
    expect(records.some((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'endStopped')).toBe(true);
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'mi-3', items: ['a', 'b'] });
  });

  it('should run a sequential sub-process one iteration at a time and stop when the completion condition holds', async () => {
    // given n = 4 (a FEEL for-expression as collection) and a condition true after two completions
    const { processInstanceKey } = await engine.createInstance('mi-sequential', { n: 4 });
    // when the jobs run
    await engine.runDueWork();
    // then only two iterations ran, in order, and the rest stayed null in the output
    expect(steps.map((v) => [v['amount'], v['loopCounter']])).toEqual([[10, 1], [20, 2]]);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect((await engine.getVariables(processInstanceKey))['handled']).toEqual([11, 22, null, null]);
  });

  it('should end every iteration when one throws an error caught on the body, without an output collection', async () => {
    // given three parallel iterations, the middle one failing
    const { processInstanceKey } = await engine.createInstance('mi-errors', { items: ['a', 'bad', 'c'] });
    // when the jobs run
    await engine.runDueWork();
    // then the error boundary on the body took over, no iteration or job is left and no output came back
    expect(records.some((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'xBroken')).toBe(true);
    expect(records.some((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'xEnd')).toBe(false);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE process_instance_key = $1`, [processInstanceKey]))[0].n).toBe(0);
    expect(await engine.getVariables(processInstanceKey)).toEqual({ items: ['a', 'bad', 'c'] });
  });

  it('should call one child per item and collect each child result at its index', async () => {
    const { processInstanceKey } = await engine.createInstance('mi-call', { regions: ['eu', 'us'] });
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM process_instance WHERE root_process_instance_key = $1 AND key <> $1`, [processInstanceKey]))[0].n).toBe(2);
    await engine.runDueWork();
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ regions: ['eu', 'us'], results: ['done-eu', 'done-us'] });
  });

  it('should raise EXTRACT_VALUE_ERROR on the body when the input collection is not a list, and run after a fix', async () => {
    // given items that are not a list
    const { processInstanceKey } = await engine.createInstance('mi-parallel', { caseId: 'mi-6', items: 'oops' });
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect([incident?.elementId, incident?.errorType]).toEqual(['approve', 'EXTRACT_VALUE_ERROR']);
    // when fixed and resolved
    await engine.setVariables(processInstanceKey, { items: ['x'] });
    await engine.resolveIncident(incident?.key ?? '');
    // then one iteration waits and the boundary subscription exists once
    expect((await openTasks(processInstanceKey)).length).toBe(1);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM message_subscription WHERE process_instance_key = $1`, [processInstanceKey]))[0].n).toBe(1);
  });

  it('should refuse a multi-instance without inputCollection, with half an output pair, and standard loops', async () => {
    const error = await engine.deploy([fixture('multi-instance-invalid.bpmn')]).catch((e: { problems: { elementId?: string }[] }) => e);
    expect((error as { problems: { elementId?: string }[] }).problems.map((p) => p.elementId).sort()).toEqual(['halfOutput', 'looped', 'noInput']);
  });
});
