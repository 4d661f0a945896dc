import { createDataSource } from '../../persistence/data-source';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

/** Fails instead of hanging: a deadlocked pool never answers. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the pool is deadlocked`)), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('EmbeddedProcessEngine on an exhausted pool', () => {
  let db: TestDatabase;
  const single = () => createDataSource({ url: db.url, poolSize: 1 });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should load a definition it has not compiled yet through the command\'s own connection', async () => {
    // given a user task created by one engine, and a second engine (another API process: nothing cached) whose pool
    // has one connection, which its command holds (as when every connection of a pool serves a concurrent command)
    const first = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    await first.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form')]);
    const { processInstanceKey } = await first.createInstance('user-task', { owner: 'agent1', employer: { name: 'Bakkerij Peeters' } });
    const [task] = await first.searchUserTasks({ processInstanceKey });
    if (!task) throw new Error('no task');
    const pool = await single().initialize();
    try {
      const second = new EmbeddedProcessEngine(pool, { controllableClock: true });
      // when the second engine claims the task, then completes it
      const claimed = await within(5_000, second.assignUserTask(task.key, 'agent1'));
      await within(5_000, second.completeUserTask(task.key, { decision: 'promise' }));
      // then both commands answered (before the fix the graph was loaded on a second connection, which never came)
      expect(claimed.assignee).toBe('agent1');
      expect((await first.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
    } finally {
      await pool.destroy();
    }
  });
});
