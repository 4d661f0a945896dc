/**
 * Copies engine-started instances of bench-one-task that wait at their first user task (timer + message boundary)
 * set-based in SQL, with fresh keys, until `target` such instances are active: every row the engine and the product's
 * projections wrote for an instance (process_instance, element_instance, variable, timer, message_subscription,
 * user_task, element_history, outbox, work_case, case_event, audit) is copied with its keys shifted into a key range
 * reserved from `engine_key_block`, so a clone is indistinguishable from an instance the engine started. Each clone
 * gets its own employer (variables, correlation key, task and case columns), so a `bench.paid` message correlates to
 * exactly one instance. Audit entries go to `audit_pending`, where a command leaves them; the caller links them with
 * the product's AuditChainer.
 */
import type { Client } from 'pg';

export interface CloneResult {
  /** Active instances waiting at the first task that the engine started (the sources). */
  engineStarted: number;
  cloned: number;
  /** Lowest key of the clones: right after cloning, every engine key >= it belongs to a clone. */
  firstCloneKey: string;
  ms: number;
  rows: Record<string, number>;
}

// Shifts a key held as a JSON string (the engine writes keys as strings) by the clone's offset, where present.
const SHIFT_FN = `CREATE OR REPLACE FUNCTION pg_temp.shift_key(j jsonb, path text[], off bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j #>> path IS NULL THEN j ELSE jsonb_set(j, path, to_jsonb(((j #>> path)::bigint + off)::text)) END $$`;

/** INSERT ... SELECT per table, `m` being the clone map (src, off, en, name). */
const COPIES: [table: string, sql: string][] = [
  ['process_instance', `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, root_process_instance_key, state, correlation_tag, start_element_id, created_at, ended_at)
    SELECT p.key + m.off, p.process_definition_key, p.bpmn_process_id, p.version, p.root_process_instance_key + m.off, p.state, p.correlation_tag, p.start_element_id, p.created_at, p.ended_at
      FROM process_instance p JOIN clone_map m ON p.key = m.src`],
  ['element_instance', `INSERT INTO element_instance (key, process_instance_key, element_id, element_type, scope_key, state, data)
    SELECT e.key + m.off, e.process_instance_key + m.off, e.element_id, e.element_type, e.scope_key + m.off, e.state, e.data
      FROM element_instance e JOIN clone_map m ON e.process_instance_key = m.src`],
  ['variable', `INSERT INTO variable (scope_key, name, process_instance_key, value)
    SELECT v.scope_key + m.off, v.name, v.process_instance_key + m.off,
           CASE v.name WHEN 'enterpriseNumber' THEN to_jsonb(m.en) WHEN 'employerName' THEN to_jsonb(m.name) ELSE v.value END
      FROM variable v JOIN clone_map m ON v.process_instance_key = m.src`],
  ['timer', `INSERT INTO timer (key, process_instance_key, element_instance_key, element_id, due_at, repetitions, interval)
    SELECT t.key + m.off, t.process_instance_key + m.off, t.element_instance_key + m.off, t.element_id, t.due_at, t.repetitions, t.interval
      FROM timer t JOIN clone_map m ON t.process_instance_key = m.src`],
  ['message_subscription', `INSERT INTO message_subscription (key, process_instance_key, element_instance_key, element_id, bpmn_process_id, message_name, correlation_key)
    SELECT s.key + m.off, s.process_instance_key + m.off, s.element_instance_key + m.off, s.element_id, s.bpmn_process_id, s.message_name, m.en
      FROM message_subscription s JOIN clone_map m ON s.process_instance_key = m.src`],
  ['user_task', `INSERT INTO user_task (key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key,
      root_process_instance_key, state, assignee, candidate_groups, candidate_users, form_key, form_version, due_date, follow_up_date, priority,
      version, created_at, completed_at, completed_by, enterprise_number, employer_name, amount_due, process_name)
    SELECT u.key + m.off, u.element_id, u.element_instance_key + m.off, u.name, u.bpmn_process_id, u.process_definition_key, u.process_instance_key + m.off,
      u.root_process_instance_key + m.off, u.state, u.assignee, u.candidate_groups, u.candidate_users, u.form_key, u.form_version, u.due_date, u.follow_up_date, u.priority,
      u.version, u.created_at, u.completed_at, u.completed_by, m.en, m.name, u.amount_due, u.process_name
      FROM user_task u JOIN clone_map m ON u.process_instance_key = m.src`],
  ['element_history', `INSERT INTO element_history (key, process_instance_key, bpmn_process_id, element_id, element_name, element_type, ended_at)
    SELECT h.key + m.off, h.process_instance_key + m.off, h.bpmn_process_id, h.element_id, h.element_name, h.element_type, h.ended_at
      FROM element_history h JOIN clone_map m ON h.process_instance_key = m.src`],
  ['outbox', `INSERT INTO outbox (kind, process_instance_key, record, created_at, processed_at)
    SELECT o.kind, o.process_instance_key + m.off,
      CASE WHEN o.record ? 'variables' THEN jsonb_set(jsonb_set(r.shifted, '{variables,enterpriseNumber}', to_jsonb(m.en)), '{variables,employerName}', to_jsonb(m.name)) ELSE r.shifted END,
      o.created_at, o.processed_at
      FROM outbox o JOIN clone_map m ON o.process_instance_key = m.src
      CROSS JOIN LATERAL (SELECT pg_temp.shift_key(pg_temp.shift_key(pg_temp.shift_key(pg_temp.shift_key(o.record,
        '{processInstanceKey}', m.off), '{rootProcessInstanceKey}', m.off), '{userTaskKey}', m.off), '{detail,elementInstanceKey}', m.off) AS shifted) r
     ORDER BY o.id, m.off`],
  ['work_case', `INSERT INTO work_case (id, bpmn_process_id, process_version, process_name, enterprise_number, status, amount_due, opened_at, closed_at)
    SELECT c.id + m.off, c.bpmn_process_id, c.process_version, c.process_name, m.en, c.status, c.amount_due, c.opened_at, c.closed_at
      FROM work_case c JOIN clone_map m ON c.id = m.src`],
  ['case_event', `INSERT INTO case_event (case_id, at, kind, actor, title, detail)
    SELECT e.case_id + m.off, e.at, e.kind, e.actor, e.title, pg_temp.shift_key(e.detail, '{taskId}', m.off)
      FROM case_event e JOIN clone_map m ON e.case_id = m.src ORDER BY e.id, m.off`],
  ['audit_pending', `INSERT INTO audit_pending (at, actor, action, subject_type, subject_id, case_id, details)
    SELECT a.at, a.actor, a.action, a.subject_type, (a.subject_id::bigint + m.off)::text, a.case_id + m.off, a.details
      FROM audit_entry a JOIN clone_map m ON a.case_id = m.src WHERE a.subject_id ~ '^[0-9]+$' ORDER BY a.seq, m.off`],
];

const KEYS_OF_SOURCES = `SELECT min(k)::text AS kmin, max(k)::text AS kmax FROM (
    SELECT p.key AS k FROM process_instance p JOIN clone_src s ON p.key = s.src
    UNION ALL SELECT e.key FROM element_instance e JOIN clone_src s ON e.process_instance_key = s.src
    UNION ALL SELECT t.key FROM timer t JOIN clone_src s ON t.process_instance_key = s.src
    UNION ALL SELECT x.key FROM message_subscription x JOIN clone_src s ON x.process_instance_key = s.src
    UNION ALL SELECT u.key FROM user_task u JOIN clone_src s ON u.process_instance_key = s.src
    UNION ALL SELECT h.key FROM element_history h JOIN clone_src s ON h.process_instance_key = s.src) keys`;

/**
 * Clones until `target` instances wait at the first task. Clone c copies source c mod O (O engine-started sources) into
 * key batch c div O: key + B + batch x span - kmin, where [kmin, kmax] holds every key of the sources and B is a
 * fresh block of `engine_key_block`, which is then moved past the last clone key (so the engine never reuses one).
 */
export async function cloneInstances(client: Client, target: number): Promise<CloneResult> {
  const t = performance.now();
  await client.query('BEGIN');
  try {
    await client.query(SHIFT_FN);
    await client.query(`CREATE TEMP TABLE clone_src ON COMMIT DROP AS
      SELECT p.key AS src, row_number() OVER (ORDER BY p.key) - 1 AS i FROM process_instance p
       WHERE p.bpmn_process_id = 'bench-one-task' AND p.state = 'ACTIVE'
         AND EXISTS (SELECT 1 FROM timer t WHERE t.process_instance_key = p.key)
         AND EXISTS (SELECT 1 FROM message_subscription s WHERE s.process_instance_key = p.key)`);
    const sources = Number((await client.query(`SELECT count(*) AS n FROM clone_src`)).rows[0].n);
    if (sources === 0) throw new Error('no engine-started bench-one-task instance waits at its first task: nothing to clone');
    const clones = Math.max(0, target - sources);
    const { kmin, kmax } = (await client.query(KEYS_OF_SOURCES)).rows[0] as { kmin: string; kmax: string };
    const span = BigInt(kmax) - BigInt(kmin) + 1n;
    const base = BigInt((await client.query(`SELECT nextval('engine_key_block')::text AS b`)).rows[0].b);
    const batches = BigInt(Math.ceil(clones / sources));
    const end = base + batches * span;
    await client.query(`SELECT setval('engine_key_block', $1::bigint)`, [String(((end + 999n) / 1000n) * 1000n)]);
    // Clones take the employers after the first 5,000 (engine-bench starts its instances with those).
    await client.query(`CREATE TEMP TABLE clone_map ON COMMIT DROP AS
      WITH emp AS (SELECT enterprise_number::text AS en, name, row_number() OVER (ORDER BY enterprise_number) - 1 AS r FROM employer)
      SELECT s.src, ($1::bigint + (c / $2::bigint) * $3::bigint - $4::bigint) AS off, emp.en, emp.name
        FROM generate_series(0, $5::bigint - 1) c
        JOIN clone_src s ON s.i = c % $2::bigint
        JOIN emp ON emp.r = (5000 + c) % (SELECT count(*) FROM emp)`, [String(base), sources, String(span), kmin, clones]);
    await client.query(`ANALYZE clone_map`);
    const rows: Record<string, number> = {};
    for (const [table, sql] of COPIES) rows[table] = (await client.query(sql)).rowCount ?? 0;
    await client.query('COMMIT');
    for (const [table] of COPIES) await client.query(`ANALYZE ${table}`);
    return { engineStarted: sources, cloned: clones, firstCloneKey: String(base), ms: Math.round(performance.now() - t), rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
