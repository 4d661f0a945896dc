import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { ActivatedJob, EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine incidents resolved without losing anything', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  let failures = 0;
  const seen: ActivatedJob[] = [];
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const taskKey = async (pi: string) => (await db.dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`, [pi]))[0].key as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    const handler = async (job: ActivatedJob) => {
      seen.push(job);
      if (failures > 0) {
        failures--;
        throw new Error('booking service unavailable');
      }
      return { outcome: 'complete' as const, variables: { receipt: `r-${String(job.variables['doubled'])}`, ignored: true } };
    };
    engine.registerWorker('book', handler);
    engine.registerWorker('book-later', handler);
    await engine.deploy([fixture('incident-branches.bpmn')]);
  });
  beforeEach(() => {
    records = [];
    seen.length = 0;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should stop only the failing branch on a FEEL error, list it and continue after the data is fixed and it is resolved', async () => {
    // given an instance whose job type evaluates to null in one branch
    const { processInstanceKey } = await engine.createInstance('incident-branches', { amount: 3 });
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(incident).toEqual(expect.objectContaining({ elementId: 'book', errorType: 'EXTRACT_VALUE_ERROR', jobKey: null }));
    // when the other branch goes on meanwhile
    await engine.completeUserTask(await taskKey(processInstanceKey), { approved: true });
    expect(await state(processInstanceKey)).toBe('ACTIVE');
    // when the cause is fixed and the incident resolved
    await engine.setVariables(processInstanceKey, { bookingType: 'book' });
    await engine.resolveIncident(incident?.key ?? '');
    await engine.runDueWork();
    // then the job ran once with its input mapping re-applied, and nothing of the other branch was lost
    expect(seen.map((j) => j.variables['doubled'])).toEqual([6]);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 3, approved: true, bookingType: 'book', receipt: 'r-6' });
    expect(await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' })).toEqual([]);
    expect(records.filter((r) => r.kind === 'ELEMENT_COMPLETED' && r.elementId === 'end')).toHaveLength(1);
  });

  it('should raise JOB_NO_RETRIES after a throwing handler used up its retries, and complete once retries are raised and it is resolved', async () => {
    // given a handler that throws twice and a job with two retries
    failures = 2;
    const { processInstanceKey } = await engine.createInstance('incident-branches', { amount: 5, bookingType: 'book-later' });
    await engine.runDueWork();
    // then an incident carries the handler's message
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(incident).toEqual(expect.objectContaining({ elementId: 'book', errorType: 'JOB_NO_RETRIES', errorMessage: 'booking service unavailable' }));
    expect(seen).toHaveLength(2);
    // when the user task completes, the retries are raised and the incident resolved
    await engine.completeUserTask(await taskKey(processInstanceKey), { approved: false });
    await engine.updateJobRetries(incident?.jobKey ?? '', 1);
    await engine.resolveIncident(incident?.key ?? '');
    await engine.runDueWork();
    // then the same job ran a third time and the instance completed with every variable
    expect(new Set(seen.map((j) => j.key)).size).toBe(1);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ amount: 5, bookingType: 'book-later', approved: false, receipt: 'r-10' });
  });
});
