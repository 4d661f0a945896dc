import type { EntityManager } from 'typeorm';
import type { AuditEntryInput, AuditLog } from '../application/audit/audit-log.port';
import type { EngineRecord, ProcessEngine } from '../engine/process-engine';

/** What the engine does on its own (timers, jobs, messages from back-end events) is done by `system`. */
export const SYSTEM_ACTOR = 'system';

/**
 * Appends an audit entry for every task and case state change, inside the engine's transaction: the entry commits
 * with the change or not at all, and is linked into the hash chain right after the commit.
 */
export function registerAuditProjection(engine: ProcessEngine, audit: AuditLog): void {
  engine.onRecords((tx, records) => appendAuditEntries(tx, audit, records));
}

export async function appendAuditEntries(tx: EntityManager, audit: AuditLog, records: readonly EngineRecord[]): Promise<void> {
  // One insert per command; the entries are linked into the chain after the commit, so no command waits for the
  // chain head while it holds its own locks (the head lock serialised every command of the workbench).
  const entries = records.map(auditEntryOf).filter((e): e is AuditEntryInput => e !== null);
  if (entries.length > 0) await audit.appendAfterCommit(tx, entries);
}

/** The audit entry of an engine record, or null for engine detail (element steps, jobs, timers). Ids only, no form values. */
export function auditEntryOf(record: EngineRecord): AuditEntryInput | null {
  const actor = record.actor ?? SYSTEM_ACTOR;
  const caseId = record.rootProcessInstanceKey;
  const isRoot = record.processInstanceKey === record.rootProcessInstanceKey;
  const task = (action: AuditEntryInput['action'], details: AuditEntryInput['details'] = {}): AuditEntryInput | null =>
    record.userTaskKey
      ? { actor, action, subjectType: 'task', subjectId: record.userTaskKey, caseId, details: { elementId: record.elementId ?? null, ...details } }
      : null;
  switch (record.kind) {
    case 'PROCESS_INSTANCE_CREATED':
      return isRoot ? { actor, action: 'case.opened', subjectType: 'case', subjectId: caseId, caseId, details: { bpmnProcessId: record.bpmnProcessId, version: numberOrNull(record.detail?.['version']) } } : null;
    case 'PROCESS_INSTANCE_COMPLETED':
      return isRoot ? { actor, action: 'case.closed', subjectType: 'case', subjectId: caseId, caseId, details: { bpmnProcessId: record.bpmnProcessId } } : null;
    case 'PROCESS_INSTANCE_CANCELED':
      return isRoot ? { actor, action: 'case.canceled', subjectType: 'case', subjectId: caseId, caseId, details: { bpmnProcessId: record.bpmnProcessId } } : null;
    case 'USER_TASK_CREATED':
      return task('task.created');
    case 'USER_TASK_CANCELED':
      return task('task.canceled');
    case 'USER_TASK_COMPLETED':
      // The names of the submitted fields, never their values (notes and amounts may hold personal data).
      return task('task.completed', { fields: Object.keys(record.variables ?? {}).sort() });
    case 'USER_TASK_ASSIGNED': {
      const assignee = stringOrNull(record.detail?.['assignee']);
      const previousAssignee = stringOrNull(record.detail?.['previousAssignee']);
      const action = assignee === null ? 'task.unclaimed' : assignee === record.actor ? 'task.claimed' : 'task.assigned';
      return task(action, { assignee, previousAssignee });
    }
    default:
      return null;
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
