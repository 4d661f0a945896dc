import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine queries (getProcessInstance, searchProcessInstances, searchUserTasks)', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.registerWorker('child-work', async () => ({ outcome: 'complete' }));
    await engine.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form'), fixture('call-parent.bpmn'), fixture('call-child.bpmn'), fixture('message-start.bpmn')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should report an instance through its life and name nothing for unknown or malformed keys', async () => {
    // given a started user-task instance
    const { processInstanceKey } = await engine.createInstance('user-task', { a: 1 });
    // then it is active, version 1, its own root
    expect(await engine.getProcessInstance(processInstanceKey)).toMatchObject({
      key: processInstanceKey, bpmnProcessId: 'user-task', version: 1, state: 'ACTIVE', rootProcessInstanceKey: processInstanceKey, endedAt: null,
    });
    // when it is canceled, it says so with an end time
    await engine.cancelInstance(processInstanceKey);
    expect(await engine.getProcessInstance(processInstanceKey)).toMatchObject({ state: 'CANCELED', endedAt: expect.any(String) });
    expect(await engine.getProcessInstance('987654321')).toBeNull();
    expect(await engine.getProcessInstance('not-a-key')).toBeNull();
  });

  it('should find the instances of a call hierarchy by root and the ones a message started by correlation key', async () => {
    // given a parent that calls a child, and an instance started by a message with key k-9
    const { processInstanceKey: parent } = await engine.createInstance('call-parent', {});
    await engine.publishMessage({ name: 'claim-received', correlationKey: 'k-9' });
    // then the root filter returns parent and child, oldest first
    const family = await engine.searchProcessInstances({ rootProcessInstanceKey: parent });
    expect(family.map((i) => i.bpmnProcessId)).toEqual(['call-parent', 'call-child']);
    expect(family[1]?.rootProcessInstanceKey).toBe(parent);
    // and the correlation key filter finds the message-started one only
    expect((await engine.searchProcessInstances({ correlationKey: 'k-9' })).map((i) => i.bpmnProcessId)).toEqual(['message-start']);
    expect(await engine.searchProcessInstances({ bpmnProcessId: 'message-start', state: 'COMPLETED' })).toEqual([]);
    expect(await engine.searchProcessInstances({ rootProcessInstanceKey: 'x' })).toEqual([]);
  });

  it('should search user tasks by instance, state and element', async () => {
    // given two instances with an open task each, one of them completed
    const variables = { owner: 'agent1', employer: { name: 'Bakkerij Peeters' } };
    const first = await engine.createInstance('user-task', variables);
    const second = await engine.createInstance('user-task', variables);
    const [task] = await engine.searchUserTasks({ processInstanceKey: first.processInstanceKey });
    if (!task) throw new Error('the first instance has no task');
    await engine.completeUserTask(task.key, { decision: 'promise' });
    // then each filter narrows the list
    expect(await engine.searchUserTasks({ processInstanceKey: first.processInstanceKey })).toEqual([expect.objectContaining({ state: 'COMPLETED', elementId: 'contact', formKey: 'contact-employer' })]);
    expect((await engine.searchUserTasks({ rootProcessInstanceKey: second.processInstanceKey, state: 'CREATED', elementId: 'contact' })).map((t) => t.processInstanceKey)).toEqual([second.processInstanceKey]);
    expect(await engine.searchUserTasks({ processInstanceKey: second.processInstanceKey, state: 'COMPLETED' })).toEqual([]);
    expect(await engine.searchUserTasks({ processInstanceKey: '1e9' })).toEqual([]);
  });
});
