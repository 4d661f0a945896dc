import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine message published while its subscription moves', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    await engine.deploy([fixture('message-race.bpmn')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should correlate to the subscription the instance opened while the publisher waited for its lock', async () => {
    // given an instance whose task has a "pay" boundary, and a command (not yet committed) that completes the task,
    // closing that subscription and opening the "pay" receive task after it
    const { processInstanceKey } = await engine.createInstance('message-race', { orderId: 'o-1' });
    const [{ key }] = await db.dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1`, [processInstanceKey]);
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await engine.completeUserTask(key, {}, { tx: runner.manager });
    // when "pay" is published meanwhile: it finds the boundary subscription and waits for the instance lock
    const published = engine.publishMessage({ name: 'pay', correlationKey: 'o-1', timeToLive: 0 });
    await new Promise((r) => setTimeout(r, 300));
    await runner.commitTransaction();
    await runner.release();
    // then it is not lost: the receive task that replaced the boundary takes it and the instance completes
    expect((await published).processInstanceKeys).toEqual([processInstanceKey]);
    const [{ state }] = await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [processInstanceKey]);
    expect(state).toBe('COMPLETED');
  });
});
