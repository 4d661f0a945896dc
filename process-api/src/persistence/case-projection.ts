import type { EntityManager } from 'typeorm';
import { EngineError, type EngineRecord, type ProcessEngine, type Variables } from '../engine/process-engine';

interface TimelineEvent {
  kind: string;
  actor: string | null;
  title: string;
  detail: Record<string, unknown> | null;
}

/**
 * Projects engine records onto the workbench's cases, task case columns and case timeline, inside the engine's
 * own transaction: what an agent just did is visible on their next read. Records arrive at least once, so every
 * write tolerates a replay (case insert is idempotent; the timeline is append-only by design).
 */
export function registerCaseProjection(engine: ProcessEngine): void {
  engine.onRecords((tx, records) => projectRecords(tx, records, engine));
}

/**
 * The projection itself, exported so a replayed or hand-made record can be projected in a test. With the engine, the
 * amount due is then re-read from each touched case's variables: an output mapping (a payment's non-interrupting
 * boundary, a further debt's event sub-process, the message start's `debtCents → amountDueCents`) changes
 * `amountDueCents` without any record carrying it.
 */
export async function projectRecords(tx: EntityManager, records: EngineRecord[], engine?: ProcessEngine): Promise<void> {
  for (const record of records) await project(tx, record);
  if (engine) await refreshAmountsDue(tx, records, engine);
}

async function refreshAmountsDue(tx: EntityManager, records: EngineRecord[], engine: ProcessEngine): Promise<void> {
  for (const caseId of new Set(records.map((r) => r.rootProcessInstanceKey))) {
    const amount = amountDue(await engine.getVariables(caseId, tx).catch((e: unknown) => {
      // A hand-made or replayed record may name no stored instance; anything else is a real failure.
      if (e instanceof EngineError && e.code === 'INSTANCE_NOT_FOUND') return {};
      throw e;
    }));
    if (amount === null) continue;
    await tx.query(`UPDATE work_case SET amount_due = $2 WHERE id = $1 AND amount_due IS DISTINCT FROM $2`, [caseId, amount]);
    await tx.query(`UPDATE user_task SET amount_due = $2 WHERE root_process_instance_key = $1 AND state = 'CREATED' AND amount_due IS DISTINCT FROM $2`, [caseId, amount]);
  }
}

async function project(tx: EntityManager, record: EngineRecord): Promise<void> {
  const caseId = record.rootProcessInstanceKey;
  const isRoot = record.processInstanceKey === record.rootProcessInstanceKey;
  const variables = record.variables ?? {};

  if (record.kind === 'PROCESS_INSTANCE_CREATED' && isRoot) {
    await tx.query(
      `INSERT INTO work_case (id, bpmn_process_id, process_version, process_name, enterprise_number, amount_due, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [caseId, record.bpmnProcessId, processVersion(record), processName(record), enterpriseNumber(variables), amountDue(variables), record.at],
    );
  }
  if (record.kind === 'USER_TASK_CREATED' && record.userTaskKey) {
    await tx.query(
      `UPDATE user_task t SET enterprise_number = $2, employer_name = $3, amount_due = $4,
              process_name = COALESCE((SELECT c.process_name FROM work_case c WHERE c.id = t.root_process_instance_key), t.bpmn_process_id)
        WHERE t.key = $1`,
      [record.userTaskKey, enterpriseNumber(variables), stringOrNull(variables['employerName']), amountDue(variables)],
    );
  }
  const amount = amountDue(variables);
  if (amount !== null && record.kind !== 'PROCESS_INSTANCE_CREATED') {
    await tx.query(`UPDATE work_case SET amount_due = $2 WHERE id = $1`, [caseId, amount]);
    await tx.query(`UPDATE user_task SET amount_due = $2 WHERE root_process_instance_key = $1 AND state = 'CREATED'`, [caseId, amount]);
  }
  if (isRoot && (record.kind === 'PROCESS_INSTANCE_COMPLETED' || record.kind === 'PROCESS_INSTANCE_CANCELED')) {
    await tx.query(`UPDATE work_case SET status = $2, closed_at = $3 WHERE id = $1 AND status = 'OPEN'`, [
      caseId,
      record.kind === 'PROCESS_INSTANCE_COMPLETED' ? 'CLOSED' : 'CANCELED',
      record.at,
    ]);
  }
  const event = timelineEvent(await withAssignee(tx, record), isRoot);
  if (event) {
    await tx.query(`INSERT INTO case_event (case_id, at, kind, actor, title, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
      caseId,
      record.at,
      event.kind,
      event.actor,
      event.title,
      event.detail ? JSON.stringify(event.detail) : null,
    ]);
  }
}

/** An assignment record that does not say who the assignee became is completed from the task row. */
async function withAssignee(tx: EntityManager, record: EngineRecord): Promise<EngineRecord> {
  if (record.kind !== 'USER_TASK_ASSIGNED' || !record.userTaskKey || (record.detail && 'assignee' in record.detail)) return record;
  const [row] = await tx.query(`SELECT assignee FROM user_task WHERE key = $1`, [record.userTaskKey]);
  return { ...record, detail: { ...(record.detail ?? {}), assignee: row?.assignee ?? null } };
}

/** The records a person reading the case history cares about, with a readable title; the rest is engine detail. */
function timelineEvent(record: EngineRecord, isRoot: boolean): TimelineEvent | null {
  const actor = record.actor ?? null;
  const step = record.elementName || record.elementId || 'step';
  const taskDetail = { taskId: record.userTaskKey, elementId: record.elementId };
  switch (record.kind) {
    case 'PROCESS_INSTANCE_CREATED':
      return isRoot
        ? { kind: 'CASE_OPENED', actor, title: `Case opened (${processName(record) ?? record.bpmnProcessId})`, detail: { bpmnProcessId: record.bpmnProcessId, version: processVersion(record) } }
        : { kind: 'SUBPROCESS_STARTED', actor, title: `Sub-process ${record.bpmnProcessId} started`, detail: { processInstanceKey: record.processInstanceKey } };
    case 'PROCESS_INSTANCE_COMPLETED':
      return isRoot
        ? { kind: 'CASE_CLOSED', actor, title: 'Case closed', detail: null }
        : { kind: 'SUBPROCESS_COMPLETED', actor, title: `Sub-process ${record.bpmnProcessId} completed`, detail: { processInstanceKey: record.processInstanceKey } };
    case 'PROCESS_INSTANCE_CANCELED':
      return isRoot ? { kind: 'CASE_CANCELED', actor, title: 'Case canceled', detail: null } : null;
    case 'USER_TASK_CREATED':
      return { kind: 'TASK_CREATED', actor, title: `Task “${step}” created`, detail: taskDetail };
    case 'USER_TASK_ASSIGNED': {
      const assignee = typeof record.detail?.['assignee'] === 'string' ? record.detail['assignee'] : null;
      const title = assignee ? `Task “${step}” assigned to ${assignee}` : `Task “${step}” returned to the team queue`;
      return { kind: assignee ? 'TASK_ASSIGNED' : 'TASK_UNASSIGNED', actor, title, detail: { ...taskDetail, assignee } };
    }
    case 'USER_TASK_COMPLETED':
      return { kind: 'TASK_COMPLETED', actor, title: `Task “${step}” completed`, detail: { ...taskDetail, variables: record.variables ?? {} } };
    case 'USER_TASK_CANCELED':
      return { kind: 'TASK_CANCELED', actor, title: `Task “${step}” canceled`, detail: taskDetail };
    case 'MESSAGE_CORRELATED': {
      const name = typeof record.detail?.['messageName'] === 'string' ? record.detail['messageName'] : step;
      return { kind: 'MESSAGE_CORRELATED', actor, title: `Message “${name}” received`, detail: { elementId: record.elementId, ...(record.detail ?? {}) } };
    }
    case 'TIMER_FIRED':
      return { kind: 'TIMER_FIRED', actor, title: `Deadline reached: ${step}`, detail: { elementId: record.elementId } };
    case 'JOB_COMPLETED':
      return { kind: 'JOB_COMPLETED', actor, title: `${step} done`, detail: { elementId: record.elementId } };
    case 'INCIDENT_CREATED':
      return { kind: 'INCIDENT_CREATED', actor, title: `Incident at ${step}`, detail: { elementId: record.elementId, ...(record.detail ?? {}) } };
    case 'INCIDENT_RESOLVED':
      return { kind: 'INCIDENT_RESOLVED', actor, title: `Incident at ${step} resolved`, detail: { elementId: record.elementId } };
    default:
      return null;
  }
}

/** The engine's PROCESS_INSTANCE_CREATED carries `detail: { version, processName }` (the BPMN process `name`). */
function processVersion(record: EngineRecord): number {
  const version = Number(record.detail?.['version']);
  return Number.isInteger(version) && version > 0 ? version : 1;
}

function processName(record: EngineRecord): string | null {
  return stringOrNull(record.detail?.['processName']) ?? record.elementName ?? null;
}

/** The typed columns take only a valid shape: a bad variable must not fail the engine's transaction. */
function enterpriseNumber(variables: Variables): string | null {
  const raw = variables['enterpriseNumber'];
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(/[.\s]/g, '');
  return /^[01]\d{9}$/.test(digits) ? digits : null;
}

function amountDue(variables: Variables): string | null {
  const cents = variables['amountDueCents'];
  const value = typeof cents === 'string' && /^-?\d+$/.test(cents) ? BigInt(cents) : typeof cents === 'number' && Number.isSafeInteger(cents) ? BigInt(cents) : null;
  // numeric(15,2) holds up to 13 integer digits.
  if (value === null || value >= 10n ** 15n || value <= -(10n ** 15n)) return null;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
