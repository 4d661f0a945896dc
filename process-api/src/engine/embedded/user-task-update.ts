import { isEngineKey, EngineError, type UserTask, type UserTaskChanges } from '../process-engine';
import type { CommandContext, EngineCore } from './engine-core';
import { toUserTask, USER_TASK_COLUMNS, type UserTaskRow } from './user-task-commands';

/** Changes the mutable fields of an open task; fields left out keep their value, null clears a date. */
export async function updateUserTask(core: EngineCore, ctx: CommandContext, key: string, changes: UserTaskChanges,
  options: { expectedVersion?: number }): Promise<UserTask> {
  if (!isEngineKey(key)) throw new EngineError('TASK_NOT_FOUND', `user task ${key} not found`);
  const [ref] = await ctx.tx.query(`SELECT process_instance_key::text FROM user_task WHERE key = $1`, [key]);
  if (!ref) throw new EngineError('TASK_NOT_FOUND', `user task ${key} not found`);
  // The lock order of every command: the instance first.
  await core.lockInstance(ctx, ref.process_instance_key);
  const [row]: UserTaskRow[] = await ctx.tx.query(`SELECT ${USER_TASK_COLUMNS} FROM user_task WHERE key = $1`, [key]);
  if (row.state !== 'CREATED') throw new EngineError('TASK_NOT_ACTIVE', `user task ${key} is ${row.state}`);
  if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
    throw new EngineError('TASK_VERSION_CONFLICT', `user task ${key} is at version ${row.version}, not ${options.expectedVersion}`);
  }
  const has = (field: keyof UserTaskChanges) => changes[field] !== undefined;
  const [updated]: UserTaskRow[] = await ctx.tx.query(
    `WITH u AS (UPDATE user_task SET
        due_date = CASE WHEN $2 THEN $3::timestamptz ELSE due_date END,
        follow_up_date = CASE WHEN $4 THEN $5::timestamptz ELSE follow_up_date END,
        candidate_groups = coalesce($6::text[], candidate_groups), candidate_users = coalesce($7::text[], candidate_users),
        priority = coalesce($8::int, priority), version = version + 1
      WHERE key = $1 RETURNING *) SELECT ${USER_TASK_COLUMNS} FROM u`,
    [key, has('dueDate'), changes.dueDate ?? null, has('followUpDate'), changes.followUpDate ?? null,
      changes.candidateGroups ?? null, changes.candidateUsers ?? null, changes.priority ?? null]);
  return toUserTask(updated);
}
