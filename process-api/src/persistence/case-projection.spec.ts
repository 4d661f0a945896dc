import type { EngineRecord } from '../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { createWorkbenchHarness, type WorkbenchHarness } from '../test-support/workbench-harness';
import { projectRecords } from './case-projection';

describe('case projection', () => {
  let db: TestDatabase;
  let harness: WorkbenchHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    // the real engine with the projection registered, running a one-user-task process
    harness = createWorkbenchHarness(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  const caseRow = async (id: string) => (await db.dataSource.query(`SELECT status, enterprise_number, amount_due::text, closed_at FROM work_case WHERE id = $1`, [id]))[0];
  const kinds = async (id: string) => (await db.dataSource.query(`SELECT kind, title FROM case_event WHERE case_id = $1 ORDER BY at, id`, [id])).map((r: { kind: string }) => r.kind);
  const deliver = (records: EngineRecord[]) => db.dataSource.transaction((tx) => projectRecords(tx, records));

  it('should open a case for a root instance with its typed columns, once per instance', async () => {
    // given a recovery instance for an enterprise number with dots
    const { caseId } = await harness.createTask({ variables: { enterpriseNumber: '0403.170.701', amountDueCents: 99 } });
    // when the same creation record is delivered again (at-least-once)
    await deliver([{ kind: 'PROCESS_INSTANCE_CREATED', processInstanceKey: caseId, rootProcessInstanceKey: caseId, bpmnProcessId: 'amicable-recovery', at: new Date().toISOString() }]);
    // then there is one open case with the normalised number and the exact amount
    expect(await caseRow(caseId)).toEqual({ status: 'OPEN', enterprise_number: '0403170701', amount_due: '0.99', closed_at: null });
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM work_case WHERE id = $1`, [caseId]);
    expect(count).toBe(1);
  });

  it('should take the process version and name of the created record for the case and its tasks', async () => {
    // given version 1 and then version 2 of a process named "Amicable recovery"
    await harness.createTask({ bpmnProcessId: 'named-process', processName: 'Amicable recovery', name: 'First' });
    // when an instance of version 2 opens a case with a task
    const { caseId, taskId } = await harness.createTask({ bpmnProcessId: 'named-process', processName: 'Amicable recovery', name: 'Second', variables: { enterpriseNumber: '0403170701' } });
    // then the case and the task show the process name and version, not the process id
    const [row] = await db.dataSource.query(`SELECT process_version, process_name FROM work_case WHERE id = $1`, [caseId]);
    expect(row).toEqual({ process_version: 2, process_name: 'Amicable recovery' });
    const [task] = await db.dataSource.query(`SELECT process_name FROM user_task WHERE key = $1`, [taskId]);
    expect(task.process_name).toBe('Amicable recovery');
    const [opened] = await db.dataSource.query(`SELECT title FROM case_event WHERE case_id = $1 AND kind = 'CASE_OPENED'`, [caseId]);
    expect(opened.title).toBe('Case opened (Amicable recovery)');
  });

  it('should keep the amount current on the case and its open tasks and record what happened', async () => {
    // given a case with an open task
    const { caseId, taskId } = await harness.createTask({ variables: { enterpriseNumber: '0403170701', amountDueCents: 100000 } });
    const at = new Date().toISOString();
    const base = { processInstanceKey: caseId, rootProcessInstanceKey: caseId, bpmnProcessId: 'amicable-recovery', at };
    // when a partial payment correlates, a timer fires, a job completes and an incident is raised
    await deliver([
      { ...base, kind: 'MESSAGE_CORRELATED', elementId: 'wait-payment', detail: { messageName: 'payment.received' }, variables: { amountDueCents: '40000' } },
      { ...base, kind: 'TIMER_FIRED', elementId: 'deadline', elementName: '15 days' },
      { ...base, kind: 'JOB_COMPLETED', elementId: 'send-letter', elementName: 'Send reminder letter' },
      { ...base, kind: 'INCIDENT_CREATED', elementId: 'send-letter', detail: { errorMessage: 'e-Box unavailable' } },
      { ...base, kind: 'ELEMENT_ACTIVATED', elementId: 'gateway' },
    ]);
    // then the amount is current on the case and its open task
    expect((await caseRow(caseId)).amount_due).toBe('400.00');
    const [task] = await db.dataSource.query(`SELECT amount_due::text, enterprise_number FROM user_task WHERE key = $1`, [taskId]);
    expect(task).toEqual({ amount_due: '400.00', enterprise_number: '0403170701' });
    // and the timeline shows what a person cares about, not engine internals
    expect(await kinds(caseId)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'MESSAGE_CORRELATED', 'TIMER_FIRED', 'JOB_COMPLETED', 'INCIDENT_CREATED']);
  });

  it('should close a case when its root instance completes and mark it canceled when canceled', async () => {
    // given two cases
    const done = await harness.createTask();
    const stopped = await harness.createTask();
    // when the task of one is completed (its process ends) and the other is canceled
    await harness.engine.assignUserTask(done.taskId, 'agent1', { actor: 'agent1' });
    await harness.engine.completeUserTask(done.taskId, {}, { actor: 'agent1' });
    await harness.engine.cancelInstance(stopped.caseId);
    // then their status follows
    expect((await caseRow(done.caseId)).status).toBe('CLOSED');
    expect((await caseRow(done.caseId)).closed_at).not.toBeNull();
    expect((await caseRow(stopped.caseId)).status).toBe('CANCELED');
    expect(await kinds(done.caseId)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'TASK_ASSIGNED', 'TASK_COMPLETED', 'CASE_CLOSED']);
    expect((await kinds(stopped.caseId)).sort()).toEqual(['CASE_CANCELED', 'CASE_OPENED', 'TASK_CANCELED', 'TASK_CREATED']);
  });

  it('should name the assignee from the task row when the record does not carry it', async () => {
    // given a task assigned to agent3 in the table
    const { caseId, taskId } = await harness.createTask({ name: 'Contact' });
    await harness.engine.assignUserTask(taskId, 'agent3', { actor: 'lead1' });
    await db.dataSource.query(`DELETE FROM case_event WHERE case_id = $1 AND kind = 'TASK_ASSIGNED'`, [caseId]);
    // when an assignment record without detail arrives
    await deliver([
      { kind: 'USER_TASK_ASSIGNED', processInstanceKey: caseId, rootProcessInstanceKey: caseId, bpmnProcessId: 'amicable-recovery', elementName: 'Contact', userTaskKey: taskId, actor: 'lead1', at: new Date().toISOString() },
    ]);
    // then the timeline still says to whom
    const [entry] = await db.dataSource.query(`SELECT title, actor FROM case_event WHERE case_id = $1 AND kind = 'TASK_ASSIGNED'`, [caseId]);
    expect(entry).toEqual({ title: 'Task “Contact” assigned to agent3', actor: 'lead1' });
  });

  it('should project the records of a whole command batch at once as it projects them one by one', async () => {
    // given two open cases with a task each (the engine's group commit hands over the records of many commands together)
    const first = await harness.createTask({ variables: { enterpriseNumber: '0403170701', amountDueCents: 5000 } });
    const second = await harness.createTask({ variables: { enterpriseNumber: '0403170701', amountDueCents: 7000 } });
    const at = new Date().toISOString();
    const on = (caseId: string) => ({ processInstanceKey: caseId, rootProcessInstanceKey: caseId, bpmnProcessId: 'amicable-recovery', at });
    const third = String(BigInt(second.caseId) + 999_000n);
    // when one delivery pays part of the first, opens a third case and closes it, and completes then cancels the second
    await deliver([
      { ...on(first.caseId), kind: 'MESSAGE_CORRELATED', elementId: 'wait-payment', variables: { amountDueCents: 1234 } },
      { ...on(third), kind: 'PROCESS_INSTANCE_CREATED', variables: { enterpriseNumber: '0403170701', amountDueCents: 300 }, detail: { version: 1, processName: 'Third' } },
      { ...on(second.caseId), kind: 'PROCESS_INSTANCE_COMPLETED' },
      { ...on(third), kind: 'PROCESS_INSTANCE_CANCELED' },
      { ...on(second.caseId), kind: 'PROCESS_INSTANCE_CANCELED' },
      { ...on(first.caseId), kind: 'MESSAGE_CORRELATED', elementId: 'wait-payment', variables: { amountDueCents: 1000 } },
    ]);
    // then each case shows the last amount it was given, and the first closing record decided its status
    expect(await caseRow(first.caseId)).toMatchObject({ status: 'OPEN', amount_due: '10.00' });
    const [task] = await db.dataSource.query(`SELECT amount_due::text FROM user_task WHERE key = $1`, [first.taskId]);
    expect(task.amount_due).toBe('10.00');
    expect(await caseRow(second.caseId)).toMatchObject({ status: 'CLOSED', amount_due: '70.00' });
    expect(await caseRow(third)).toMatchObject({ status: 'CANCELED', amount_due: '3.00', enterprise_number: '0403170701' });
    // and every timeline lists its events in record order
    expect(await kinds(first.caseId)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'MESSAGE_CORRELATED', 'MESSAGE_CORRELATED']);
    expect(await kinds(second.caseId)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'CASE_CLOSED', 'CASE_CANCELED']);
    expect(await kinds(third)).toEqual(['CASE_OPENED', 'CASE_CANCELED']);
  });

  it('should write a new task row once: inserted by the engine with its case columns, not updated after', async () => {
    // given a trigger that notes every update of a task row
    await db.dataSource.query(`CREATE TABLE spec_task_updates (key bigint, columns text)`);
    await db.dataSource.query(`CREATE FUNCTION spec_note_task_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO spec_task_updates VALUES (NEW.key, concat_ws(' ', NEW.enterprise_number, NEW.employer_name, NEW.amount_due, NEW.process_name)); RETURN NEW; END $$`);
    await db.dataSource.query(`CREATE TRIGGER spec_note_task_update BEFORE UPDATE ON user_task FOR EACH ROW EXECUTE FUNCTION spec_note_task_update()`);
    try {
      // when an instance creates its first task
      const { taskId } = await harness.createTask({ bpmnProcessId: 'written-once', processName: 'Amicable recovery',
        variables: { enterpriseNumber: '0403.170.701', employerName: 'Brasserie Dupont', amountDueCents: 123456 } });
      // then the task row has its case columns and was never updated
      const [task] = await db.dataSource.query(`SELECT enterprise_number, employer_name, amount_due::text, process_name FROM user_task WHERE key = $1`, [taskId]);
      expect(task).toEqual({ enterprise_number: '0403170701', employer_name: 'Brasserie Dupont', amount_due: '1234.56', process_name: 'Amicable recovery' });
      expect(await db.dataSource.query(`SELECT columns FROM spec_task_updates WHERE key = $1`, [taskId])).toEqual([]);

      // and when a record of the same task carries other variables (a replay, an engine that does not fill the columns)
      const [row] = await db.dataSource.query(`SELECT root_process_instance_key::text AS case_id FROM user_task WHERE key = $1`, [taskId]);
      await deliver([{ kind: 'USER_TASK_CREATED', processInstanceKey: row.case_id, rootProcessInstanceKey: row.case_id, bpmnProcessId: 'written-once',
        userTaskKey: taskId, at: new Date().toISOString(), variables: { enterpriseNumber: '0403170701', employerName: 'Brasserie Dupont & fils', amountDueCents: 123456 } }]);
      // then the projection still sets what differs
      expect(await db.dataSource.query(`SELECT columns FROM spec_task_updates WHERE key = $1`, [taskId])).toEqual([{ columns: '0403170701 Brasserie Dupont & fils 1234.56 Amicable recovery' }]);
    } finally {
      await db.dataSource.query(`DROP TRIGGER spec_note_task_update ON user_task; DROP FUNCTION spec_note_task_update(); DROP TABLE spec_task_updates`);
    }
  });

  it('should ignore variables that do not fit the typed columns instead of failing the engine', async () => {
    // given variables with a bad enterprise number and an absurd amount
    const { caseId } = await harness.createTask({ variables: { enterpriseNumber: 'ACME', amountDueCents: 1e20 } });
    // then the case opens without them
    expect(await caseRow(caseId)).toMatchObject({ status: 'OPEN', enterprise_number: null, amount_due: null });
  });
});
