import type { EntityManager } from 'typeorm';
import type { EngineRecord, TaskCaseColumns, Variables } from '../process-engine';
import { prepared } from '../../persistence/prepared-statements';
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

/**
 * Loads an instance with its element instances and variables, locking the instance row for the command;
 * with `subscriptionKey`, also whether that message subscription still exists once the lock is held.
 */
export async function loadInstance(tx: EntityManager, key: string, subscriptionKey?: string): Promise<(InstanceState & { subscribed?: boolean }) | null> {
  const [row]: InstanceRow[] = await tx.query(prepared(`SELECT ${INSTANCE_COLUMNS} FROM process_instance WHERE key = $1 FOR UPDATE`), [key]);
  if (!row) return null;
  // A second statement, not subqueries of the locking one: after waiting for the lock it needs a fresh snapshot.
  if (subscriptionKey === undefined) {
    const [content]: ContentRow[] = await tx.query(prepared(`SELECT ${CONTENT_COLUMNS}`), [key]);
    return toState(row, content);
  }
  const [content]: (ContentRow & { subscribed: boolean })[] = await tx.query(
    prepared(`SELECT ${CONTENT_COLUMNS}, EXISTS (SELECT 1 FROM message_subscription WHERE key = $2) AS subscribed`), [key, subscriptionKey]);
  return { ...toState(row, content), subscribed: content.subscribed };
}

/**
 * Locks an instance for a command in one statement: the root of its call hierarchy first, then the instance itself
 * (the lock order of every command; the sort is applied before the rows are locked). `instanceKey` is SQL giving the
 * instance key from `params`: a key, or a lookup such as the instance of a user task (a task never changes instance).
 * A second statement then reads the content with a fresh snapshot (after a lock wait the first one's is stale), with
 * `extra` columns read in that same snapshot; their parameters follow the instance key ($1) as $2, $3...
 */
export async function lockInstanceWithRoot<E extends object>(
  tx: EntityManager, instanceKey: string, params: unknown[], extra: { columns: string; params: unknown[] } = { columns: '', params: [] },
): Promise<{ state: InstanceState; extra: E } | null> {
  const rows: InstanceRow[] = await tx.query(
    prepared(`WITH target AS (SELECT (${instanceKey})::bigint AS key)
     SELECT ${INSTANCE_COLUMNS} FROM process_instance p
      WHERE p.key = (SELECT key FROM target) OR p.key = (SELECT i.root_process_instance_key FROM process_instance i WHERE i.key = (SELECT key FROM target))
      ORDER BY p.key = (SELECT key FROM target) FOR UPDATE OF p`), params);
  const row = rows[rows.length - 1];
  if (!row) return null;
  const [content]: (ContentRow & E)[] = await tx.query(prepared(`SELECT ${CONTENT_COLUMNS}${extra.columns}`), [row.key, ...extra.params]);
  return { state: toState(row, content), extra: content };
}

/** Reads an instance without locking it (the variables snapshot handed to a job worker): one statement, one snapshot. */
export async function loadInstanceUnlocked(manager: EntityManager, key: string): Promise<InstanceState | null> {
  const [row]: (InstanceRow & ContentRow)[] = await manager.query(prepared(`SELECT ${INSTANCE_COLUMNS}, ${CONTENT_COLUMNS} FROM process_instance WHERE key = $1`), [key]);
  return row ? toState(row, row) : null;
}

const INSTANCE_COLUMNS = `key::text, process_definition_key::text, bpmn_process_id, version, root_process_instance_key::text, state, correlation_tag`;
const CONTENT_COLUMNS = `
  (SELECT coalesce(json_agg(json_build_object('key', e.key::text, 'element_id', e.element_id, 'element_type', e.element_type, 'scope_key', e.scope_key::text, 'data', e.data) ORDER BY e.key), '[]')
     FROM element_instance e WHERE e.process_instance_key = $1) AS elements,
  (SELECT coalesce(json_agg(json_build_object('scope_key', v.scope_key::text, 'name', v.name, 'value', v.value)), '[]')
     FROM variable v WHERE v.process_instance_key = $1) AS variables`;

interface ContentRow {
  elements: { key: string; element_id: string; element_type: string; scope_key: string | null; data: ElementInstance['data'] }[];
  variables: { scope_key: string; name: string; value: unknown }[];
}

function toState(row: InstanceRow, content: ContentRow): InstanceState {
  const state: InstanceState = {
    key: row.key, processDefinitionKey: row.process_definition_key, bpmnProcessId: row.bpmn_process_id, version: row.version,
    rootProcessInstanceKey: row.root_process_instance_key, state: row.state, correlationTag: row.correlation_tag,
    elements: new Map(content.elements.map((e) => [e.key, { key: e.key, elementId: e.element_id, elementType: e.element_type, scopeKey: e.scope_key, data: e.data }])),
    variables: new Map(),
  };
  for (const v of content.variables) state.variables.set(v.scope_key, { ...(state.variables.get(v.scope_key) ?? {}), [v.name]: v.value });
  return state;
}

/** `ProcessEngine.fillTaskCaseColumns` for the step's new task rows, and the name of the process of the step's instance. */
export interface TaskColumnsOnInsert {
  derive: (variables: Variables) => TaskCaseColumns;
  processName: string;
}

function caseColumnsOf(columns: TaskCaseColumns): { enterprise_number: string | null; employer_name: string | null; amount_due: string | null } {
  return { enterprise_number: columns.enterpriseNumber, employer_name: columns.employerName, amount_due: columns.amountDue };
}

/** What `applyEffects` learned while writing. */
export interface AppliedEffects {
  /** Records the store itself produced (user tasks canceled with their element). */
  records: EngineRecord[];
  /** Whether a buffered message may match one of the subscriptions just opened (then it is looked up exactly). */
  bufferedCandidates: boolean;
}

/**
 * Writes the diff of one interpreter step in at most three statements: every insert, upsert and removal of the
 * step in one (data-modifying CTEs on disjoint rows), then the clean-up of the elements left, which must see the
 * rows just inserted (a job created and canceled in the same step), then the outbox of that clean-up.
 * `newInstance` inserts the process instance row in the same statement. `existedBefore`: the element instance keys
 * at the start of the step; only those, and those this step gave rows, can own rows the clean-up must remove.
 */
export async function applyEffects(tx: EntityManager, state: InstanceState, effects: Effects, now: Date, step: { newInstance: boolean; existedBefore: Set<string>; also?: ExtraWrite; taskColumns?: TaskColumnsOnInsert }): Promise<AppliedEffects> {
  const { newInstance } = step;
  const pi = state.key;
  const writes = new CteBuilder([pi, now]);
  if (step.also) writes.add(step.also(writes));
  if (newInstance) {
    writes.add(`INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, root_process_instance_key, state, correlation_tag, created_at, ended_at)
      VALUES ($1, ${writes.param(state.processDefinitionKey)}, ${writes.param(state.bpmnProcessId)}, ${writes.param(state.version)}, ${writes.param(state.rootProcessInstanceKey)},
        ${writes.param(effects.instanceEnded ?? 'ACTIVE')}, ${writes.param(state.correlationTag)}, $2, ${effects.instanceEnded ? '$2' : 'NULL'}::timestamptz)`);
  }
  if (effects.removedElements.size > 0) writes.add(`DELETE FROM element_instance WHERE key = ANY(${writes.param([...effects.removedElements])}::bigint[])`);
  const upserts = [...effects.upsertedElements].map((k) => state.elements.get(k)).filter((e): e is ElementInstance => !!e);
  if (upserts.length > 0) {
    writes.add(`INSERT INTO element_instance (key, process_instance_key, element_id, element_type, scope_key, state, data)
      SELECT x.key, $1, x.element_id, x.element_type, x.scope_key, 'ACTIVE', x.data FROM jsonb_to_recordset(${writes.json(upserts.map((e) => ({ key: e.key, element_id: e.elementId, element_type: e.elementType, scope_key: e.scopeKey, data: e.data })))}) AS x(key bigint, element_id text, element_type text, scope_key bigint, data jsonb)
      ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`);
  }
  // A scope's variables are only ever added or replaced (never dropped while the scope lives): dirty scopes are
  // upserted, removed scopes deleted; the two sets are disjoint (leaving a scope takes it out of the dirty set).
  const removedScopes = [...effects.removedScopes].filter((s) => !effects.dirtyScopes.has(s));
  if (removedScopes.length > 0) writes.add(`DELETE FROM variable WHERE scope_key = ANY(${writes.param(removedScopes)}::bigint[])`);
  const vars = [...effects.dirtyScopes].flatMap((s) => Object.entries(state.variables.get(s) ?? {}).map(([n, v]) => ({ s, n, v: v === undefined ? null : v })));
  if (vars.length > 0) {
    writes.add(`INSERT INTO variable (scope_key, name, process_instance_key, value) SELECT x.s, x.n, $1, x.v FROM jsonb_to_recordset(${writes.json(vars)}) AS x(s bigint, n text, v jsonb)
      ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value`);
  }
  if (effects.jobs.length > 0) {
    writes.add(`INSERT INTO job (key, type, state, retries, process_instance_key, element_instance_key, element_id, bpmn_process_id, custom_headers, created_at)
      SELECT x.key, x.type, 'ACTIVATABLE', x.retries, $1, x.element_instance_key, x.element_id, ${writes.param(state.bpmnProcessId)}, x.custom_headers, $2
      FROM jsonb_to_recordset(${writes.json(effects.jobs.map((j) => ({ key: j.key, type: j.type, retries: j.retries, element_instance_key: j.elementInstanceKey, element_id: j.elementId, custom_headers: j.customHeaders })))})
        AS x(key bigint, type text, retries int, element_instance_key bigint, element_id text, custom_headers jsonb)`);
  }
  if (effects.timers.length > 0) {
    writes.add(`INSERT INTO timer (key, process_instance_key, element_instance_key, element_id, due_at, repetitions, interval)
      SELECT x.key, $1, x.element_instance_key, x.element_id, x.due_at, x.repetitions, x.interval
      FROM jsonb_to_recordset(${writes.json(effects.timers.map((t) => ({ key: t.key, element_instance_key: t.elementInstanceKey, element_id: t.elementId, due_at: t.dueAt.toISOString(), repetitions: t.repetitions, interval: t.interval })))})
        AS x(key bigint, element_instance_key bigint, element_id text, due_at timestamptz, repetitions int, interval text)`);
  }
  const subscriptions = effects.subscriptions.map((s) => ({ key: s.key, element_instance_key: s.elementInstanceKey, element_id: s.elementId, message_name: s.messageName, correlation_key: s.correlationKey }));
  let subscriptionsParam = '';
  if (subscriptions.length > 0) {
    subscriptionsParam = writes.json(subscriptions);
    writes.add(`INSERT INTO message_subscription (key, process_instance_key, element_instance_key, element_id, bpmn_process_id, message_name, correlation_key)
      SELECT x.key, $1, x.element_instance_key, x.element_id, ${writes.param(state.bpmnProcessId)}, x.message_name, x.correlation_key
      FROM jsonb_to_recordset(${subscriptionsParam}) AS x(key bigint, element_instance_key bigint, element_id text, message_name text, correlation_key text)`);
  }
  if (effects.userTasks.length > 0) {
    // With the case columns (ProcessEngine.fillTaskCaseColumns) the row is complete at its insert; the process name only
    // in the case's root instance (a called instance's case is named after the root's process).
    const withCase = step.taskColumns;
    const caseColumns = withCase ? ', enterprise_number, employer_name, amount_due, process_name' : '';
    const caseValues = withCase
      ? `, x.enterprise_number, x.employer_name, x.amount_due, ${state.key === state.rootProcessInstanceKey ? writes.param(withCase.processName) : 'NULL'}`
      : '';
    writes.add(`INSERT INTO user_task (key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key, root_process_instance_key,
        state, assignee, candidate_groups, candidate_users, form_key, form_version, due_date, follow_up_date, priority, version, created_at${caseColumns})
      SELECT x.key, x.element_id, x.element_instance_key, x.name, ${writes.param(state.bpmnProcessId)}, ${writes.param(state.processDefinitionKey)}, $1, ${writes.param(state.rootProcessInstanceKey)},
        'CREATED', x.assignee, x.candidate_groups, x.candidate_users, x.form_key, (SELECT max(f.version) FROM form_definition f WHERE f.form_id = x.form_key), x.due_date, x.follow_up_date, x.priority, 0, $2${caseValues}
      FROM jsonb_to_recordset(${writes.json(effects.userTasks.map((u) => ({ key: u.key, element_id: u.elementId, element_instance_key: u.elementInstanceKey, name: u.name, assignee: u.assignee,
        candidate_groups: u.candidateGroups, candidate_users: u.candidateUsers, form_key: u.formKey, due_date: u.dueDate, follow_up_date: u.followUpDate, priority: u.priority,
        ...(withCase ? caseColumnsOf(withCase.derive(u.variables)) : {}) })))})
        AS x(key bigint, element_id text, element_instance_key bigint, name text, assignee text, candidate_groups text[], candidate_users text[], form_key text,
             due_date timestamptz, follow_up_date timestamptz, priority int${withCase ? ', enterprise_number text, employer_name text, amount_due numeric' : ''})`);
  }
  if (effects.incidents.length > 0) {
    writes.add(`INSERT INTO incident (key, process_instance_key, element_instance_key, element_id, job_key, error_type, error_message, state, created_at)
      SELECT x.key, $1, x.element_instance_key, x.element_id, x.job_key, x.error_type, x.error_message, 'ACTIVE', $2
      FROM jsonb_to_recordset(${writes.json(effects.incidents.map((i) => ({ key: i.key, element_instance_key: i.elementInstanceKey, element_id: i.elementId, job_key: i.jobKey ?? null, error_type: i.errorType, error_message: i.errorMessage })))})
        AS x(key bigint, element_instance_key bigint, element_id text, job_key bigint, error_type text, error_message text)`);
  }
  // A new instance ending in its first step was inserted ended: an UPDATE would not see a row inserted by the same statement.
  if (effects.instanceEnded && !newInstance) writes.add(`UPDATE process_instance SET state = ${writes.param(effects.instanceEnded)}, ended_at = $2 WHERE key = $1`);
  if (effects.records.length > 0) writes.add(outboxInsert(writes, effects.records));
  // The message table is not written here, so the statement's snapshot answers this exactly enough for a hint.
  const buffered = subscriptionsParam
    ? `EXISTS (SELECT 1 FROM message m JOIN jsonb_to_recordset(${subscriptionsParam}) AS s(message_name text, correlation_key text)
         ON m.name = s.message_name AND m.correlation_key = s.correlation_key WHERE m.expires_at > $2)`
    : 'false';
  // $1 and $2 are typed here as well: a step that uses neither (only removals) would leave them untyped.
  const [written]: { buffered: boolean }[] = await tx.query(prepared(`${writes.with()} SELECT ${buffered} AS buffered, $1::bigint AS pi, $2::timestamptz AS at`), writes.params);

  const records: EngineRecord[] = [];
  // Elements that came and went within this step (a start event, a gateway) own no rows unless this step wrote some.
  const owners = new Set([...effects.jobs, ...effects.timers, ...effects.subscriptions, ...effects.userTasks, ...effects.incidents].map((r) => r.elementInstanceKey));
  const left = effects.leftElements.filter((k) => step.existedBefore.has(k) || owners.has(k));
  if (left.length > 0 || effects.closedEvents.length > 0) {
    const cleanup = new CteBuilder([left]);
    if (left.length > 0) {
      cleanup.add(`DELETE FROM job WHERE element_instance_key = ANY($1::bigint[])`);
      cleanup.add(`DELETE FROM timer WHERE element_instance_key = ANY($1::bigint[])`);
      cleanup.add(`DELETE FROM message_subscription WHERE element_instance_key = ANY($1::bigint[])`);
      cleanup.add(`UPDATE incident SET state = 'RESOLVED' WHERE element_instance_key = ANY($1::bigint[]) AND state = 'ACTIVE'`);
    }
    for (const closed of effects.closedEvents) {
      const owner = cleanup.param(closed.ownerKey);
      const ids = cleanup.param(closed.elementIds);
      cleanup.add(`DELETE FROM timer WHERE element_instance_key = ${owner} AND element_id = ANY(${ids}::text[])`);
      cleanup.add(`DELETE FROM message_subscription WHERE element_instance_key = ${owner} AND element_id = ANY(${ids}::text[])`);
    }
    const canceled: { key: string; element_id: string; name: string | null }[] = await tx.query(
      prepared(`${cleanup.with()} , c AS (UPDATE user_task SET state = 'CANCELED', version = version + 1 WHERE element_instance_key = ANY($1::bigint[]) AND state = 'CREATED' RETURNING key, element_id, name)
       SELECT key::text, element_id, name FROM c ORDER BY c.key`), cleanup.params);
    for (const t of canceled) {
      records.push({ kind: 'USER_TASK_CANCELED', processInstanceKey: pi, rootProcessInstanceKey: state.rootProcessInstanceKey, bpmnProcessId: state.bpmnProcessId,
        elementId: t.element_id, elementType: 'userTask', elementName: t.name, userTaskKey: t.key, at: now.toISOString() });
    }
    if (records.length > 0) {
      const outbox = new CteBuilder([pi]);
      outbox.add(outboxInsert(outbox, records));
      await tx.query(prepared(`${outbox.with()} SELECT 1`), outbox.params);
    }
  }
  return { records, bufferedCandidates: written?.buffered ?? false };
}

function outboxInsert(builder: CteBuilder, records: EngineRecord[]): string {
  return `INSERT INTO outbox (kind, process_instance_key, record)
    SELECT x.r->>'kind', $1, x.r FROM jsonb_array_elements(${builder.json(records)}) WITH ORDINALITY AS x(r, ord) ORDER BY x.ord`;
}

/**
 * A write of the command that goes with the step's own (on rows the step does not write, e.g. the completed user
 * task's row): one statement less. `$2` is the command time.
 */
export type ExtraWrite = (w: { param(value: unknown): string }) => string;

/** Collects data-modifying statements and their parameters into one `WITH a AS (...), b AS (...)` round trip. */
class CteBuilder {
  private readonly parts: string[] = [];
  constructor(readonly params: unknown[]) {}

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  json(rows: unknown[]): string {
    return `${this.param(JSON.stringify(rows))}::jsonb`;
  }

  add(statement: string): void {
    this.parts.push(`w${this.parts.length} AS (${statement})`);
  }

  with(): string {
    return this.parts.length > 0 ? `WITH ${this.parts.join(', ')}` : 'WITH w AS (SELECT 1)';
  }
}
