import type { EntityManager } from 'typeorm';
import type { EngineRecord, ProcessEngine, Variables } from '../engine/process-engine';
import { StatementBatch } from './statement-batch';

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
 * All writes of one command go to PostgreSQL in one round trip, in record order (a `StatementBatch`).
 */
export async function projectRecords(tx: EntityManager, records: EngineRecord[], engine?: ProcessEngine): Promise<void> {
  const batch = new StatementBatch();
  for (const record of records) await project(tx, record, batch);
  if (engine) refreshAmountsDue(records, batch);
  await batch.run(tx);
}

/**
 * The case's `amountDueCents` as `numeric(15,2)`, or null when it is missing or no whole number of cents (the rule of
 * `amountDue` below, in SQL). Read from the embedded engine's root-scope variable row, in the engine's own transaction
 * (this projection only runs there): the one value it needs, not all the case's variables.
 */
const AMOUNT_DUE_OF_CASE = `(SELECT CASE WHEN c.cents IS NOT NULL AND c.cents = trunc(c.cents) AND abs(c.cents) < 1e15 THEN round(c.cents / 100, 2) END
    FROM (SELECT CASE jsonb_typeof(v.value) WHEN 'number' THEN (v.value #>> '{}')::numeric
                 WHEN 'string' THEN CASE WHEN v.value #>> '{}' ~ '^-?[0-9]+$' THEN (v.value #>> '{}')::numeric END END AS cents
            FROM variable v WHERE v.scope_key = $1 AND v.name = 'amountDueCents') c)`;

function refreshAmountsDue(records: EngineRecord[], batch: StatementBatch): void {
  for (const caseId of new Set(records.map((r) => r.rootProcessInstanceKey))) {
    batch.add(`WITH a AS (SELECT ${AMOUNT_DUE_OF_CASE} AS amount),
        c AS (UPDATE work_case SET amount_due = a.amount FROM a WHERE id = $1 AND a.amount IS NOT NULL AND amount_due IS DISTINCT FROM a.amount)
      UPDATE user_task SET amount_due = a.amount FROM a
       WHERE root_process_instance_key = $1 AND state = 'CREATED' AND a.amount IS NOT NULL AND amount_due IS DISTINCT FROM a.amount`, [caseId]);
  }
}

async function project(tx: EntityManager, record: EngineRecord, batch: StatementBatch): Promise<void> {
  const caseId = record.rootProcessInstanceKey;
  const isRoot = record.processInstanceKey === record.rootProcessInstanceKey;
  const variables = record.variables ?? {};

  if (record.kind === 'PROCESS_INSTANCE_CREATED' && isRoot) {
    batch.add(
      `INSERT INTO work_case (id, bpmn_process_id, process_version, process_name, enterprise_number, amount_due, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [caseId, record.bpmnProcessId, processVersion(record), processName(record), enterpriseNumber(variables), amountDue(variables), record.at],
    );
  }
  if (record.kind === 'USER_TASK_CREATED' && record.userTaskKey) {
    batch.add(
      `UPDATE user_task t SET enterprise_number = $2, employer_name = $3, amount_due = $4,
              process_name = COALESCE((SELECT c.process_name FROM work_case c WHERE c.id = t.root_process_instance_key), t.bpmn_process_id)
        WHERE t.key = $1`,
      [record.userTaskKey, enterpriseNumber(variables), stringOrNull(variables['employerName']), amountDue(variables)],
    );
  }
  const amount = amountDue(variables);
  if (amount !== null && record.kind !== 'PROCESS_INSTANCE_CREATED') {
    batch.add(`WITH c AS (UPDATE work_case SET amount_due = $2 WHERE id = $1)
      UPDATE user_task SET amount_due = $2 WHERE root_process_instance_key = $1 AND state = 'CREATED'`, [caseId, amount]);
  }
  if (isRoot && (record.kind === 'PROCESS_INSTANCE_COMPLETED' || record.kind === 'PROCESS_INSTANCE_CANCELED')) {
    batch.add(`UPDATE work_case SET status = $2, closed_at = $3 WHERE id = $1 AND status = 'OPEN'`, [
      caseId,
      record.kind === 'PROCESS_INSTANCE_COMPLETED' ? 'CLOSED' : 'CANCELED',
      record.at,
    ]);
  }
  const event = timelineEvent(await withAssignee(tx, record, batch), isRoot);
  if (event) {
    batch.add(`INSERT INTO case_event (case_id, at, kind, actor, title, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
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
async function withAssignee(tx: EntityManager, record: EngineRecord, batch: StatementBatch): Promise<EngineRecord> {
  if (record.kind !== 'USER_TASK_ASSIGNED' || !record.userTaskKey || (record.detail && 'assignee' in record.detail)) return record;
  // The row must show the writes of the records before this one.
  await batch.run(tx);
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
