import type { EntityManager } from 'typeorm';
import { EngineError, type UserTask, type Variables } from '../process-engine';
import { prepared } from '../../persistence/prepared-statements';
import type { CommandContext, EngineCore } from './engine-core';

export interface UserTaskRow {
  key: string; element_id: string; element_instance_key: string; name: string | null; bpmn_process_id: string;
  process_definition_key: string; process_instance_key: string; state: UserTask['state']; assignee: string | null;
  candidate_groups: string[]; candidate_users: string[]; form_key: string | null; due_date: Date | null;
  follow_up_date: Date | null; priority: number; version: number; created_at: Date;
}

export const USER_TASK_COLUMNS = `key::text, element_id, element_instance_key::text, name, bpmn_process_id, process_definition_key::text, process_instance_key::text,
  state, assignee, candidate_groups, candidate_users, form_key, due_date, follow_up_date, priority, version, created_at`;

export function toUserTask(row: UserTaskRow): UserTask {
  return {
    key: row.key, elementId: row.element_id, name: row.name ?? row.element_id, bpmnProcessId: row.bpmn_process_id,
    processDefinitionKey: row.process_definition_key, processInstanceKey: row.process_instance_key, state: row.state,
    assignee: row.assignee, candidateGroups: row.candidate_groups, candidateUsers: row.candidate_users, formKey: row.form_key,
    dueDate: row.due_date ? new Date(row.due_date).toISOString() : null, followUpDate: row.follow_up_date ? new Date(row.follow_up_date).toISOString() : null,
    priority: row.priority, version: row.version, createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function findUserTask(tx: EntityManager, key: string): Promise<UserTask | null> {
  const [row] = await tx.query(prepared(`SELECT ${USER_TASK_COLUMNS} FROM user_task WHERE key = $1`), [key]);
  return row ? toUserTask(row) : null;
}

/** Locks the task's instance (the lock order of every command) and checks state and expected version: two statements. */
async function lockActiveTask(core: EngineCore, ctx: CommandContext, key: string, expectedVersion?: number) {
  const locked = await core.lockInstanceBy<{ task: UserTaskRow | null }>(ctx, `SELECT process_instance_key FROM user_task WHERE key = $1`, [key], {
    // Read after the lock, in the content's snapshot: the task row as the previous command on this instance left it.
    columns: `, (SELECT row_to_json(t) FROM (SELECT ${USER_TASK_COLUMNS} FROM user_task WHERE key = $2) t) AS task`,
    params: [key],
  });
  if (!locked) throw new EngineError('TASK_NOT_FOUND', `user task ${key} not found`);
  const { state, extra: { task: row } } = locked;
  if (!row || row.state !== 'CREATED') throw new EngineError('TASK_NOT_ACTIVE', `user task ${key} is ${row?.state ?? 'gone'}`);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new EngineError('TASK_VERSION_CONFLICT', `user task ${key} is at version ${row.version}, not ${expectedVersion}`);
  }
  return { state, row };
}

export async function assignUserTask(core: EngineCore, ctx: CommandContext, key: string, assignee: string | null,
  options: { expectedVersion?: number; actor?: string; allowOverride?: boolean }): Promise<UserTask> {
  const { state, row } = await lockActiveTask(core, ctx, key, options.expectedVersion);
  if (options.allowOverride === false && assignee !== null && row.assignee !== null && row.assignee !== assignee) {
    throw new EngineError('TASK_ALREADY_CLAIMED', `user task ${key} is already assigned to ${row.assignee}`);
  }
  const [updated]: UserTaskRow[] = await ctx.tx.query(prepared(`WITH u AS (UPDATE user_task SET assignee = $2, version = version + 1 WHERE key = $1 RETURNING *) SELECT ${USER_TASK_COLUMNS} FROM u`), [key, assignee]);
  await core.step(ctx, state, (i) => i.record('USER_TASK_ASSIGNED', {
    elementId: row.element_id, elementType: 'userTask', elementName: row.name, userTaskKey: key, ...(options.actor ? { actor: options.actor } : {}),
    detail: { assignee, previousAssignee: row.assignee },
  }));
  return toUserTask(updated as UserTaskRow);
}

export async function completeUserTask(core: EngineCore, ctx: CommandContext, key: string, variables: Variables,
  options: { expectedVersion?: number; actor?: string }): Promise<void> {
  const { state, row } = await lockActiveTask(core, ctx, key, options.expectedVersion);
  // The task row is completed in the step's own write statement, before its clean-up (which cancels only CREATED tasks).
  await core.step(ctx, state, (i) => {
    i.record('USER_TASK_COMPLETED', { elementId: row.element_id, elementType: 'userTask', elementName: row.name, userTaskKey: key, variables, ...(options.actor ? { actor: options.actor } : {}) });
    i.completeWaiting(row.element_instance_key, variables);
  }, false, (w) => `UPDATE user_task SET state = 'COMPLETED', completed_at = $2, completed_by = ${w.param(options.actor ?? null)}::text, version = version + 1 WHERE key = ${w.param(key)}::bigint`);
}
