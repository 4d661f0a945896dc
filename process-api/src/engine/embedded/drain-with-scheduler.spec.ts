import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine runDueWork while the background scheduler runs', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let taken: () => void;
  const takenByWorker = new Promise<void>((resolve) => (taken = resolve));

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    // a worker that takes its time (an e-Box call, a registry lookup)
    engine.registerWorker('charge', async () => {
      taken();
      await new Promise((r) => setTimeout(r, 400));
      return { outcome: 'complete', variables: { charged: true } };
    });
    await engine.deploy([fixture('service-task.bpmn')]);
    await engine.start();
  });
  afterAll(async () => {
    await engine.stop();
    await db.drop();
  });

  it('should return only once the jobs the background scheduler took are done', async () => {
    // given an instance whose job the background scheduler picked up right after the commit
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 3 });
    await takenByWorker;
    // when the due work is drained
    await engine.runDueWork();
    // then the job's work is in: the instance moved on past the service task
    const [row] = await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [processInstanceKey]);
    expect(row.state).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toMatchObject({ charged: true });
  });
});
