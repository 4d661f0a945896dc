import type { EntityManager } from 'typeorm';
import type { EngineRecord } from '../process-engine';
import type { Effects, ElementInstance, InstanceState } from './instance-state';

/** Key allocation: one block of 1000 keys per interpreter step (the sequence increments by 1000). */
export async function allocateKeys(tx: EntityManager): Promise<() => string> {
  const [row] = await tx.query(`SELECT nextval('engine_key_block')::text AS base`);
  const base = BigInt(row.base);
  let next = 0n;
  return () => {
    if (next >= 1000n) throw new Error('key block exhausted: too many elements in one step');
    return (base + next++).toString();
  };
}

interface InstanceRow {
  key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  version: number;
  root_process_instance_key: string;
  state: InstanceState['state'];
  correlation_tag: string | null;
}

/** Loads an instance with its element instances and variables, locking the instance row for the command. */
export async function loadInstance(tx: EntityManager, key: string): Promise<InstanceState | null> {
  return loadInstanceRows(tx, key, true);
}

async function loadInstanceRows(tx: EntityManager, key: string, lock: boolean): Promise<InstanceState | null> {
  const rows: InstanceRow[] = await tx.query(`SELECT key::text, process_definition_key::text, bpmn_process_id, version, root_process_instance_key::text, state, correlation_tag FROM process_instance WHERE key = $1${lock ? ' FOR UPDATE' : ''}`, [key]);
  const row = rows[0];
  if (!row) return null;
  const elements: { key: string; element_id: string; element_type: string; scope_key: string | null; data: ElementInstance['data'] }[] = await tx.query(
    `SELECT key::text, element_id, element_type, scope_key::text, data FROM element_instance WHERE process_instance_key = $1 ORDER BY element_instance.key`, [key]);
  const variables: { scope_key: string; name: string; value: unknown }[] = await tx.query(
    `SELECT scope_key::text, name, value FROM variable WHERE process_instance_key = $1`, [key]);
  const state: InstanceState = {
    key: row.key, processDefinitionKey: row.process_definition_key, bpmnProcessId: row.bpmn_process_id, version: row.version,
    rootProcessInstanceKey: row.root_process_instance_key, state: row.state, correlationTag: row.correlation_tag,
    elements: new Map(elements.map((e) => [e.key, { key: e.key, elementId: e.element_id, elementType: e.element_type, scopeKey: e.scope_key, data: e.data }])),
    variables: new Map(),
  };
  for (const v of variables) state.variables.set(v.scope_key, { ...(state.variables.get(v.scope_key) ?? {}), [v.name]: v.value });
  return state;
}

export async function insertInstance(tx: EntityManager, state: InstanceState, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, root_process_instance_key, state, correlation_tag, created_at)
     VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7)`,
    [state.key, state.processDefinitionKey, state.bpmnProcessId, state.version, state.rootProcessInstanceKey, state.correlationTag, now],
  );
}

/** Writes the diff of one interpreter step; returns the records the store itself produced (user tasks canceled). */
export async function applyEffects(tx: EntityManager, state: InstanceState, effects: Effects, now: Date): Promise<EngineRecord[]> {
  const pi = state.key;
  const records: EngineRecord[] = [];
  if (effects.removedElements.size > 0) await tx.query(`DELETE FROM element_instance WHERE key = ANY($1::bigint[])`, [[...effects.removedElements]]);
  const upserts = [...effects.upsertedElements].map((k) => state.elements.get(k)).filter((e): e is ElementInstance => !!e);
  if (upserts.length > 0) {
    await tx.query(
      `INSERT INTO element_instance (key, process_instance_key, element_id, element_type, scope_key, state, data)
       SELECT x.key, $2, x.element_id, x.element_type, x.scope_key, 'ACTIVE', x.data FROM jsonb_to_recordset($1::jsonb) AS x(key bigint, element_id text, element_type text, scope_key bigint, data jsonb)
       ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`,
      [JSON.stringify(upserts.map((e) => ({ key: e.key, element_id: e.elementId, element_type: e.elementType, scope_key: e.scopeKey, data: e.data }))), pi],
    );
  }
  const scopes = [...effects.removedScopes, ...effects.dirtyScopes];
  if (scopes.length > 0) await tx.query(`DELETE FROM variable WHERE scope_key = ANY($1::bigint[])`, [scopes]);
  const vars = [...effects.dirtyScopes].flatMap((s) => Object.entries(state.variables.get(s) ?? {}).map(([n, v]) => ({ s, n, v: v === undefined ? null : v })));
  if (vars.length > 0) {
    await tx.query(`INSERT INTO variable (scope_key, name, process_instance_key, value) SELECT x.s, x.n, $2, x.v FROM jsonb_to_recordset($1::jsonb) AS x(s bigint, n text, v jsonb)`, [JSON.stringify(vars), pi]);
  }
  for (const job of effects.jobs) {
    await tx.query(
      `INSERT INTO job (key, type, state, retries, process_instance_key, element_instance_key, element_id, bpmn_process_id, custom_headers, created_at)
       VALUES ($1, $2, 'ACTIVATABLE', $3, $4, $5, $6, $7, $8, $9)`,
      [job.key, job.type, job.retries, pi, job.elementInstanceKey, job.elementId, state.bpmnProcessId, JSON.stringify(job.customHeaders), now],
    );
  }
  for (const t of effects.timers) {
    await tx.query(`INSERT INTO timer (key, process_instance_key, element_instance_key, element_id, due_at, repetitions, interval) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [t.key, pi, t.elementInstanceKey, t.elementId, t.dueAt, t.repetitions, t.interval]);
  }
  for (const s of effects.subscriptions) {
    await tx.query(`INSERT INTO message_subscription (key, process_instance_key, element_instance_key, element_id, bpmn_process_id, message_name, correlation_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.key, pi, s.elementInstanceKey, s.elementId, state.bpmnProcessId, s.messageName, s.correlationKey]);
  }
  for (const u of effects.userTasks) {
    await tx.query(
      `INSERT INTO user_task (key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key, root_process_instance_key,
         state, assignee, candidate_groups, candidate_users, form_key, form_version, due_date, follow_up_date, priority, version, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'CREATED', $9, $10, $11, $12::text, (SELECT max(version) FROM form_definition WHERE form_id = $12::text), $13, $14, $15, 0, $16)`,
      [u.key, u.elementId, u.elementInstanceKey, u.name, state.bpmnProcessId, state.processDefinitionKey, pi, state.rootProcessInstanceKey,
        u.assignee, u.candidateGroups, u.candidateUsers, u.formKey, u.dueDate, u.followUpDate, u.priority, now],
    );
  }
  for (const i of effects.incidents) {
    await tx.query(`INSERT INTO incident (key, process_instance_key, element_instance_key, element_id, job_key, error_type, error_message, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8)`,
      [i.key, pi, i.elementInstanceKey, i.elementId, i.jobKey ?? null, i.errorType, i.errorMessage, now]);
  }
  if (effects.leftElements.length > 0) {
    const left = effects.leftElements;
    await tx.query(`DELETE FROM job WHERE element_instance_key = ANY($1::bigint[])`, [left]);
    await tx.query(`DELETE FROM timer WHERE element_instance_key = ANY($1::bigint[])`, [left]);
    await tx.query(`DELETE FROM message_subscription WHERE element_instance_key = ANY($1::bigint[])`, [left]);
    await tx.query(`UPDATE incident SET state = 'RESOLVED' WHERE element_instance_key = ANY($1::bigint[]) AND state = 'ACTIVE'`, [left]);
    const canceled: { key: string; element_id: string; name: string | null }[] = await tx.query(
      `WITH c AS (UPDATE user_task SET state = 'CANCELED', version = version + 1 WHERE element_instance_key = ANY($1::bigint[]) AND state = 'CREATED' RETURNING key, element_id, name) SELECT key::text, element_id, name FROM c`, [left]);
    for (const t of canceled) {
      records.push({ kind: 'USER_TASK_CANCELED', processInstanceKey: pi, rootProcessInstanceKey: state.rootProcessInstanceKey, bpmnProcessId: state.bpmnProcessId,
        elementId: t.element_id, elementType: 'userTask', elementName: t.name, userTaskKey: t.key, at: now.toISOString() });
    }
  }
  for (const closed of effects.closedEvents) {
    await tx.query(`DELETE FROM timer WHERE element_instance_key = $1 AND element_id = ANY($2)`, [closed.ownerKey, closed.elementIds]);
    await tx.query(`DELETE FROM message_subscription WHERE element_instance_key = $1 AND element_id = ANY($2)`, [closed.ownerKey, closed.elementIds]);
  }
  if (effects.instanceEnded) await tx.query(`UPDATE process_instance SET state = $2, ended_at = $3 WHERE key = $1`, [pi, effects.instanceEnded, now]);
  const all = [...effects.records, ...records];
  if (all.length > 0) {
    await tx.query(`INSERT INTO outbox (kind, process_instance_key, record) SELECT x.kind, x.pi, x.record FROM jsonb_to_recordset($1::jsonb) AS x(kind text, pi bigint, record jsonb)`,
      [JSON.stringify(all.map((r) => ({ kind: r.kind, pi, record: r })))]);
  }
  return records;
}

/** Reads an instance without locking it (the variables snapshot handed to a job worker). */
export function loadInstanceUnlocked(manager: EntityManager, key: string): Promise<InstanceState | null> {
  return loadInstanceRows(manager, key, false);
}
