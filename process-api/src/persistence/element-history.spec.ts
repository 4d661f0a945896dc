import { EmbeddedProcessEngine } from '../engine/embedded/embedded-process-engine';
import { fixture } from '../engine/embedded/fixtures/fixtures';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { completedElements, registerElementHistory } from './element-history';

describe('element history', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true, batching: { concurrency: 1 } });
    registerElementHistory(engine);
    await engine.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should keep every completed element of the commands of a batch, once, and no process-level completion', async () => {
    // given two instances whose tasks are completed in one batch of commands
    const started = await Promise.all([1, 2].map((i) => engine.createInstance('user-task', { owner: `agent${i}`, employer: { name: `E${i}` } })));
    const tasks = (await Promise.all(started.map((s) => engine.searchUserTasks({ processInstanceKey: s.processInstanceKey })))).flat();
    expect(tasks).toHaveLength(2);
    await Promise.all(tasks.map((t) => engine.completeUserTask(t.key, { decision: 'promise' })));
    // then each instance has its start event, task and end event, in key order
    for (const s of started) {
      const rows = await completedElements(db.dataSource, { processInstanceKey: s.processInstanceKey });
      expect(rows.map((r) => r.elementType)).toEqual(['startEvent', 'userTask', 'endEvent']);
      expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    }
  });
});
