import type { EntityManager } from 'typeorm';
import { isEngineKey, type EngineRecord, type ProcessEngine, type TaskCaseColumns, type Variables } from '../engine/process-engine';
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
  // the embedded engine inserts each task row with these columns: the update below then leaves it alone
  engine.fillTaskCaseColumns?.(taskCaseColumns);
}

/** A task's case columns from the variables it sees at its creation: the same values whether the engine or the projection writes them. */
export function taskCaseColumns(variables: Variables): TaskCaseColumns {
  return { enterpriseNumber: enterpriseNumber(variables), employerName: stringOrNull(variables['employerName']), amountDue: amountDue(variables) };
}

/**
 * The projection itself, exported so a replayed or hand-made record can be projected in a test. With the engine, the
 * amount due is then re-read from each touched case's variables: an output mapping (a payment's non-interrupting
 * boundary, a further debt's event sub-process, the message start's `debtCents → amountDueCents`) changes
 * `amountDueCents` without any record carrying it.
 *
 * Set-based: the records of a whole command batch (the engine's group commit hands them over at once) become at most
 * five statements, each over all the cases and tasks concerned, sent in one round trip (a `StatementBatch`), in an
 * order that gives what applying the records one by one gave: cases opened, task case columns, amounts, cases closed
 * (the first closing record wins), then the timeline in record order.
 */
export async function projectRecords(tx: EntityManager, records: EngineRecord[], engine?: ProcessEngine): Promise<void> {
  const assignees = await assigneesFromRows(tx, records);
  const opened = new Map<string, Record<string, unknown>>();
  const taskColumns = new Map<string, Record<string, unknown>>();
  const amounts = new Map<string, string | null>();
  const closed = new Map<string, { id: string; status: string; at: string }>();
  const events: Record<string, unknown>[] = [];

  for (const original of records) {
    const record = withAssignee(original, assignees);
    const caseId = record.rootProcessInstanceKey;
    const isRoot = record.processInstanceKey === record.rootProcessInstanceKey;
    const variables = record.variables ?? {};
    const amount = amountDue(variables);
    if (record.kind === 'PROCESS_INSTANCE_CREATED' && isRoot && !opened.has(caseId)) {
      opened.set(caseId, { id: caseId, bpmn_process_id: record.bpmnProcessId, process_version: processVersion(record), process_name: processName(record),
        enterprise_number: enterpriseNumber(variables), amount_due: amount, opened_at: record.at });
    }
    if (record.kind === 'USER_TASK_CREATED' && record.userTaskKey) {
      const columns = taskCaseColumns(variables);
      taskColumns.set(record.userTaskKey, { key: record.userTaskKey, enterprise_number: columns.enterpriseNumber, employer_name: columns.employerName, amount_due: columns.amountDue });
    }
    // The last amount a record carried; with the engine, the case's own variable (read below) goes first.
    if (amount !== null && record.kind !== 'PROCESS_INSTANCE_CREATED') amounts.set(caseId, amount);
    else if (engine && !amounts.has(caseId)) amounts.set(caseId, null);
    if (isRoot && (record.kind === 'PROCESS_INSTANCE_COMPLETED' || record.kind === 'PROCESS_INSTANCE_CANCELED') && !closed.has(caseId)) {
      closed.set(caseId, { id: caseId, status: record.kind === 'PROCESS_INSTANCE_COMPLETED' ? 'CLOSED' : 'CANCELED', at: record.at });
    }
    const event = timelineEvent(record, isRoot);
    if (event) events.push({ case_id: caseId, at: record.at, kind: event.kind, actor: event.actor, title: event.title, ...(event.detail ? { detail: event.detail } : {}) });
  }

  const batch = new StatementBatch();
  if (opened.size > 0) {
    batch.add(`INSERT INTO work_case (id, bpmn_process_id, process_version, process_name, enterprise_number, amount_due, opened_at)
      SELECT x.id, x.bpmn_process_id, x.process_version, x.process_name, x.enterprise_number, x.amount_due, x.opened_at
        FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, bpmn_process_id text, process_version int, process_name text, enterprise_number text, amount_due numeric, opened_at timestamptz)
      ON CONFLICT (id) DO NOTHING`, [[...opened.values()]]);
  }
  if (taskColumns.size > 0) {
    // Only rows that differ: the embedded engine inserted its rows with these values (fillTaskCaseColumns), and an
    // update to the same values would still write a second version of the row and of its entry in every index.
    const processName = 'COALESCE((SELECT c.process_name FROM work_case c WHERE c.id = t.root_process_instance_key), t.bpmn_process_id)';
    batch.add(`UPDATE user_task t SET enterprise_number = x.enterprise_number, employer_name = x.employer_name, amount_due = x.amount_due, process_name = ${processName}
        FROM jsonb_to_recordset($1::jsonb) AS x(key bigint, enterprise_number text, employer_name text, amount_due numeric)
       WHERE t.key = x.key AND t.key = ANY($2::bigint[])
         AND (t.enterprise_number IS DISTINCT FROM x.enterprise_number OR t.employer_name IS DISTINCT FROM x.employer_name
              OR t.amount_due IS DISTINCT FROM x.amount_due OR t.process_name IS DISTINCT FROM ${processName})`, [[...taskColumns.values()], keysArray([...taskColumns.keys()])]);
  }
  if (amounts.size > 0) {
    const amount = engine ? `COALESCE(${AMOUNT_DUE_OF_CASE}, x.amount)` : 'x.amount';
    batch.add(`WITH a AS (SELECT x.id, ${amount} AS amount FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, amount numeric)),
        c AS (UPDATE work_case w SET amount_due = a.amount FROM a
               WHERE w.id = a.id AND w.id = ANY($2::bigint[]) AND a.amount IS NOT NULL AND w.amount_due IS DISTINCT FROM a.amount)
      UPDATE user_task t SET amount_due = a.amount FROM a
       WHERE t.root_process_instance_key = a.id AND t.root_process_instance_key = ANY($2::bigint[]) AND t.state = 'CREATED'
         AND a.amount IS NOT NULL AND t.amount_due IS DISTINCT FROM a.amount`,
    [[...amounts].map(([id, value]) => ({ id, amount: value })), keysArray([...amounts.keys()])]);
  }
  if (closed.size > 0) {
    batch.add(`UPDATE work_case w SET status = x.status, closed_at = x.at FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, status text, at timestamptz)
       WHERE w.id = x.id AND w.id = ANY($2::bigint[]) AND w.status = 'OPEN'`, [[...closed.values()], keysArray([...closed.keys()])]);
  }
  if (events.length > 0) {
    batch.add(`INSERT INTO case_event (case_id, at, kind, actor, title, detail)
      SELECT (x.e->>'case_id')::bigint, (x.e->>'at')::timestamptz, x.e->>'kind', x.e->>'actor', x.e->>'title', x.e->'detail'
        FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, ord) ORDER BY x.ord`, [events]);
  }
  await batch.run(tx);
}

/**
 * Keys as an array literal for `= ANY(...)` next to each join on a JSON record set: PostgreSQL guesses 100 rows for a
 * record set and, on a table of some ten thousand rows, scanned all of it in a hash join; the literal array gives it
 * the exact keys, hence index lookups (the event router, one command per transaction, ran at half its speed).
 */
function keysArray(keys: string[]): string {
  const bad = keys.find((k) => !isEngineKey(k));
  if (bad !== undefined) throw new TypeError(`not an engine key: ${bad}`);
  return `{${keys.join(',')}}`;
}

/**
 * The case's `amountDueCents` (the root scope's variable row `x.id`, read in the engine's own transaction: this
 * projection only runs there) as `numeric(15,2)`, or null when it is missing or no whole number of cents (the rule of
 * `amountDue` below, in SQL).
 */
const AMOUNT_DUE_OF_CASE = `(SELECT CASE WHEN c.cents IS NOT NULL AND c.cents = trunc(c.cents) AND abs(c.cents) < 1e15 THEN round(c.cents / 100, 2) END
    FROM (SELECT CASE jsonb_typeof(v.value) WHEN 'number' THEN (v.value #>> '{}')::numeric
                 WHEN 'string' THEN CASE WHEN v.value #>> '{}' ~ '^-?[0-9]+$' THEN (v.value #>> '{}')::numeric END END AS cents
            FROM variable v WHERE v.scope_key = x.id AND v.name = 'amountDueCents') c)`;

/** Assignment records that do not say who the assignee became are completed from the task rows (one read for all). */
async function assigneesFromRows(tx: EntityManager, records: EngineRecord[]): Promise<Map<string, string | null>> {
  const keys = [...new Set(records.filter((r) => lacksAssignee(r)).map((r) => r.userTaskKey as string))];
  if (keys.length === 0) return new Map();
  const rows: { key: string; assignee: string | null }[] = await tx.query(`SELECT key::text, assignee FROM user_task WHERE key = ANY($1::bigint[])`, [keys]);
  return new Map(rows.map((r) => [r.key, r.assignee]));
}

function lacksAssignee(record: EngineRecord): boolean {
  return record.kind === 'USER_TASK_ASSIGNED' && !!record.userTaskKey && !(record.detail && 'assignee' in record.detail);
}

function withAssignee(record: EngineRecord, assignees: Map<string, string | null>): EngineRecord {
  if (!lacksAssignee(record)) return record;
  return { ...record, detail: { ...(record.detail ?? {}), assignee: assignees.get(record.userTaskKey as string) ?? null } };
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
