import { auditActionSchema } from '@werkbank/shared';
import { AUDIT_ACTIONS } from '../domain/audit/audit-chain';
import type { EngineRecord } from '../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { createWorkbenchHarness } from '../test-support/workbench-harness';
import { auditEntryOf } from './audit-projection';

const record = (kind: EngineRecord['kind'], extra: Partial<EngineRecord> = {}): EngineRecord => ({
  kind,
  processInstanceKey: '10',
  rootProcessInstanceKey: '10',
  bpmnProcessId: 'amicable-recovery',
  elementId: 'contact-employer',
  userTaskKey: '11',
  at: '2026-12-03T10:00:00.000Z',
  ...extra,
});

describe('audit projection', () => {
  it('should use the action codes of the shared contract', () => {
    expect([...AUDIT_ACTIONS]).toEqual(auditActionSchema.options);
  });

  describe('auditEntryOf', () => {
    it('should tell a claim, an assignment and an unclaim apart by actor and assignee', () => {
      const assigned = (actor: string, assignee: string | null) => auditEntryOf(record('USER_TASK_ASSIGNED', { actor, detail: { assignee, previousAssignee: 'agent9' } }))?.action;
      expect(assigned('agent1', 'agent1')).toBe('task.claimed');
      expect(assigned('lead1', 'agent1')).toBe('task.assigned');
      expect(assigned('agent1', null)).toBe('task.unclaimed');
    });

    it('should record cases of root instances only, and engine steps not at all', () => {
      expect(auditEntryOf(record('PROCESS_INSTANCE_CREATED', { detail: { version: 3 } }))).toEqual({
        actor: 'system', action: 'case.opened', subjectType: 'case', subjectId: '10', caseId: '10', details: { bpmnProcessId: 'amicable-recovery', version: 3 },
      });
      expect(auditEntryOf(record('PROCESS_INSTANCE_COMPLETED', { processInstanceKey: '12' }))).toBeNull();
      expect(auditEntryOf(record('PROCESS_INSTANCE_CANCELED'))?.action).toBe('case.canceled');
      expect(auditEntryOf(record('TIMER_FIRED'))).toBeNull();
      expect(auditEntryOf(record('JOB_COMPLETED'))).toBeNull();
    });

    it('should keep the names of completed fields and drop their values', () => {
      const entry = auditEntryOf(record('USER_TASK_COMPLETED', { actor: 'agent1', variables: { note: 'private remark', outcome: 'PROMISE' } }));
      expect(entry).toMatchObject({ actor: 'agent1', action: 'task.completed', subjectId: '11', details: { fields: ['note', 'outcome'] } });
      expect(JSON.stringify(entry)).not.toContain('private remark');
    });
  });

  describe('in the engine transaction', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
    });

    afterAll(async () => {
      await db.drop();
    });

    it('should roll the audit entries back with a command that fails after them', async () => {
      // given an engine with the audit projection, and a task to claim
      const harness = createWorkbenchHarness(db.dataSource);
      const { taskId } = await harness.createTask();
      const [{ n: before }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
      // when a later listener of the same command throws
      harness.engine.onRecords(async (_tx, records) => {
        if (records.some((r) => r.kind === 'USER_TASK_ASSIGNED')) throw new Error('projection failed');
      });
      await expect(harness.engine.assignUserTask(taskId, 'agent1', { actor: 'agent1' })).rejects.toThrow('projection failed');
      // then neither the claim nor its audit entry is there
      const [{ n: after }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
      expect(after).toBe(before);
      expect((await harness.engine.getUserTask(taskId))?.assignee).toBeNull();
    });
  });
});
