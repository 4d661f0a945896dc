import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord, JobOutcome, Variables } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine call activities', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const outcomes: JobOutcome[] = [];
  const seen: Variables[] = [];
  const instance = async (pi: string) => (await db.dataSource.query(`SELECT state, root_process_instance_key::text AS root FROM process_instance WHERE key = $1`, [pi]))[0];
  const childOf = async (parent: string) => (await db.dataSource.query(
    `SELECT key::text, state, bpmn_process_id FROM process_instance WHERE root_process_instance_key = $1 AND key <> $1 ORDER BY key`, [parent])) as { key: string; state: string; bpmn_process_id: string }[];
  const reached = (end: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === end && r.processInstanceKey === pi).length;
  const jobs = async (pi: string) => (await db.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE process_instance_key = $1`, [pi]))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('child-work', async (job) => {
      seen.push(job.variables);
      return outcomes.shift() ?? { outcome: 'complete' };
    });
    await engine.deploy([fixture('call-parent.bpmn'), fixture('call-child.bpmn'), fixture('call-flags.bpmn'), fixture('call-missing.bpmn')]);
  });
  beforeEach(() => {
    records = [];
    seen.length = 0;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should run the child from its none start with the parent variables and return all child variables on completion', async () => {
    // given a parent instance
    const { processInstanceKey } = await engine.createInstance('call-parent', { caseId: 'c-1' });
    const [child] = await childOf(processInstanceKey);
    // then a child of the latest call-child runs in the same case, its records carrying the parent as root
    expect(child?.bpmn_process_id).toBe('call-child');
    expect((await instance(child?.key ?? '')).root).toBe(processInstanceKey);
    expect(records.filter((r) => r.processInstanceKey === child?.key).every((r) => r.rootProcessInstanceKey === processInstanceKey)).toBe(true);
    // when the child's job completes
    outcomes.push({ outcome: 'complete', variables: { result: 'ok' } });
    await engine.runDueWork();
    // then the child saw the parent variables, completed, and the parent completed with the child's variables
    expect(seen).toEqual([{ caseId: 'c-1' }]);
    expect((await instance(child?.key ?? '')).state).toBe('COMPLETED');
    expect(reached('callChild', processInstanceKey)).toBe(1);
    expect((await instance(processInstanceKey)).state).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'c-1', result: 'ok' });
  });

  it('should honour the propagation flags, a FEEL process id and output mappings', async () => {
    // given a parent whose first call propagates neither way and whose second returns only a mapped value
    const { processInstanceKey } = await engine.createInstance('call-flags', { caseId: 'c-2', childId: 'call-child', secret: 's' });
    // when both children's jobs complete
    outcomes.push({ outcome: 'complete', variables: { result: 'first', extra: 1 } }, { outcome: 'complete', variables: { result: 'second', extra: 2 } });
    await engine.runDueWork();
    // then the isolated child saw only its input local, the second saw everything, and only the mapping came back
    expect(seen[0]).toEqual({ caseId: 'c-2' });
    expect(seen[1]).toEqual({ caseId: 'c-2', childId: 'call-child', secret: 's' });
    expect((await instance(processInstanceKey)).state).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'c-2', childId: 'call-child', secret: 's', mappedResult: 'second' });
  });

  it('should terminate the child when the parent is canceled', async () => {
    // given a parent waiting for its child
    const { processInstanceKey } = await engine.createInstance('call-parent', { caseId: 'c-3' });
    const [child] = await childOf(processInstanceKey);
    // when the parent is canceled
    await engine.cancelInstance(processInstanceKey);
    // then the child is canceled too and its job is gone
    expect((await instance(child?.key ?? '')).state).toBe('CANCELED');
    expect(await jobs(child?.key ?? '')).toBe(0);
    expect(records.filter((r) => r.kind === 'PROCESS_INSTANCE_CANCELED').map((r) => r.processInstanceKey).sort()).toEqual([processInstanceKey, child?.key].sort());
  });

  it('should terminate the child when an interrupting boundary on the call activity fires', async () => {
    const { processInstanceKey } = await engine.createInstance('call-parent', { caseId: 'c-4' });
    const [child] = await childOf(processInstanceKey);
    // when the 7-day timer on the call activity fires
    await engine.advanceClock('P7D');
    // then the child is canceled and the parent took the timer path without the child's variables
    expect((await instance(child?.key ?? '')).state).toBe('CANCELED');
    expect(reached('endLate', processInstanceKey)).toBe(1);
    expect((await instance(processInstanceKey)).state).toBe('COMPLETED');
  });

  it('should let an error the child does not catch bubble to the error boundary of the call activity', async () => {
    const { processInstanceKey } = await engine.createInstance('call-parent', { caseId: 'c-5' });
    const [child] = await childOf(processInstanceKey);
    // when the child's job throws CHILD_FAILED
    outcomes.push({ outcome: 'error', errorCode: 'CHILD_FAILED', variables: { reason: 'x' } });
    await engine.runDueWork();
    // then the child is terminated and the parent took the error path
    expect((await instance(child?.key ?? '')).state).toBe('CANCELED');
    expect(reached('endFailed', processInstanceKey)).toBe(1);
    expect((await instance(processInstanceKey)).state).toBe('COMPLETED');
    expect(await engine.listIncidents({ processInstanceKey: child?.key ?? '' })).toEqual([]);
  });

  it('should raise the incident in the child when no ancestor catches the error', async () => {
    const { processInstanceKey } = await engine.createInstance('call-parent', { caseId: 'c-6' });
    const [child] = await childOf(processInstanceKey);
    // when the child's job throws a code nobody catches
    outcomes.push({ outcome: 'error', errorCode: 'OTHER' });
    await engine.runDueWork();
    // then the child has an UNHANDLED_ERROR_EVENT incident on its task and both instances stay active
    const incidents = await engine.listIncidents({ processInstanceKey: child?.key ?? '' });
    expect(incidents.map((i) => [i.elementId, i.errorType, i.jobKey !== null])).toEqual([['childWork', 'UNHANDLED_ERROR_EVENT', true]]);
    expect((await instance(child?.key ?? '')).state).toBe('ACTIVE');
    expect((await instance(processInstanceKey)).state).toBe('ACTIVE');
  });

  it('should raise CALLED_ELEMENT_ERROR for a missing child process and call it once deployed and resolved', async () => {
    // given a parent calling a process that is not deployed
    const { processInstanceKey } = await engine.createInstance('call-missing');
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect([incident?.elementId, incident?.errorType]).toEqual(['callLater', 'CALLED_ELEMENT_ERROR']);
    expect(await childOf(processInstanceKey)).toEqual([]);
    // when the child is deployed and the incident resolved
    await engine.deploy([fixture('deployed-later.bpmn')]);
    await engine.resolveIncident(incident?.key ?? '');
    // then the child ran (it has no wait state) and the parent completed
    expect((await childOf(processInstanceKey)).map((c) => c.state)).toEqual(['COMPLETED']);
    expect((await instance(processInstanceKey)).state).toBe('COMPLETED');
  });

  it('should start the version deployed with the caller when bindingType is deployment', async () => {
    // given a caller deployed with child v1, then a child v2 deployed alone
    const caller = fixture('call-missing.bpmn').content.replace(/call-missing/g, 'call-bound').replace('bindingType="latest"', 'bindingType="deployment"');
    const child = fixture('deployed-later.bpmn').content.replace(/deployed-later/g, 'bound-child');
    await engine.deploy([{ name: 'call-bound.bpmn', content: caller.replace('deployed-later', 'bound-child') }, { name: 'bound-child.bpmn', content: child }]);
    await engine.deploy([{ name: 'bound-child.bpmn', content: child.replace('laterEnd"', 'laterEnd" name="v2"') }]);
    // when the caller runs
    const { processInstanceKey } = await engine.createInstance('call-bound');
    // then the child is version 1
    const [called] = await db.dataSource.query(`SELECT version FROM process_instance WHERE root_process_instance_key = $1 AND key <> $1`, [processInstanceKey]);
    expect(called.version).toBe(1);
  });

  it('should refuse call activities without a process id, with a versionTag binding or with invalid FEEL', async () => {
    // when deploying the invalid model
    const error = await engine.deploy([fixture('call-invalid.bpmn')]).catch((e: { problems: { elementId?: string }[] }) => e);
    // then every call activity is named
    expect((error as { problems: { elementId?: string }[] }).problems.map((p) => p.elementId).sort()).toEqual(['badFeel', 'byTag', 'noTarget']);
  });
});
