import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineRecord, JobOutcome } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine sub-processes, event sub-processes and event-based gateways', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const outcomes: JobOutcome[] = [];
  const reached = (end: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === end && r.processInstanceKey === pi).length;
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const leftovers = async (pi: string) => (await db.dataSource.query(
    `SELECT (SELECT count(*) FROM job WHERE process_instance_key = $1)::int + (SELECT count(*) FROM timer WHERE process_instance_key = $1)::int
       + (SELECT count(*) FROM message_subscription WHERE process_instance_key = $1)::int AS n`, [pi]))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    engine.registerWorker('work', async (job) => {
      expect(job.variables['stage']).toBe('working');
      return outcomes.shift() ?? { outcome: 'complete' };
    });
    await engine.deploy([fixture('sub-processes.bpmn'), fixture('event-gateway.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should run an embedded sub-process with its own scope and output mapping, then close the event subscriptions', async () => {
    // given an instance whose sub-process job completes
    const { processInstanceKey } = await engine.createInstance('sub-processes', { caseId: 'c-1' });
    outcomes.push({ outcome: 'complete', variables: { result: 'ok' } });
    // when drained
    await engine.runDueWork();
    // then the sub-process completed, its local died, its output was mapped and nothing is left behind
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'c-1', result: 'ok', handled: 'ok' });
    expect(await leftovers(processInstanceKey)).toBe(0);
  });

  it('should catch a BPMN error thrown inside the sub-process on the sub-process boundary', async () => {
    const { processInstanceKey } = await engine.createInstance('sub-processes', { caseId: 'c-2' });
    outcomes.push({ outcome: 'error', errorCode: 'FAILED' });
    await engine.runDueWork();
    expect(reached('endFailed', processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should run a non-interrupting timer event sub-process beside the work', async () => {
    // given a waiting instance
    const { processInstanceKey } = await engine.createInstance('sub-processes', { caseId: 'c-3' });
    // when an hour passes
    await engine.advanceClock('PT1H');
    // then the reminder ran and the work still waits
    expect(reached('reminderSent', processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE process_instance_key = $1`, [processInstanceKey]))[0].n).toBe(1);
  });

  it('should end the whole instance through an interrupting message event sub-process wherever it waits', async () => {
    // given an instance waiting in the sub-process
    const { processInstanceKey } = await engine.createInstance('sub-processes', { caseId: 'c-4' });
    // when the payment arrives
    const { processInstanceKeys } = await engine.publishMessage({ name: 'payment-received', correlationKey: 'c-4', variables: { paid: 100 } });
    // then the sub-process and its job were terminated and the instance completed through the event sub-process
    expect(processInstanceKeys).toEqual([processInstanceKey]);
    expect(records.filter((r) => r.kind === 'ELEMENT_TERMINATED').map((r) => r.elementId).sort()).toEqual(['handle', 'work']);
    expect(reached('closedByPayment', processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ caseId: 'c-4', paid: 100 });
    expect(await leftovers(processInstanceKey)).toBe(0);
  });

  it.each([
    ['the message', 'endPaid'],
    ['the timer', 'endLate'],
  ])('should let %s win the race at an event-based gateway and close the other event', async (_winner, end) => {
    // given an instance waiting at the gateway
    const { processInstanceKey } = await engine.createInstance('event-gateway', { caseId: `race-${end}` });
    // when the message arrives or 14 days pass
    if (end === 'endPaid') await engine.publishMessage({ name: 'paid', correlationKey: `race-${end}` });
    else await engine.advanceClock('P14D');
    // then only that path ran and no subscription or timer is left
    expect(reached(end, processInstanceKey)).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(await leftovers(processInstanceKey)).toBe(0);
  });
});
