import type { TaskItem } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { assertCanClaim, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

/** An agent takes a task from the group queue; a task someone else holds is never taken over silently. */
export class ClaimTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly engine: ProcessEngine,
  ) {}

  /**
   * Answers the task as the claim left it: the engine's new version, the claimer as assignee (no second read). Claiming
   * a task one already holds, at the version one saw, changes nothing: no new version that would make everyone else's
   * copy stale, no second "assigned" in the case history.
   */
  async execute(actor: Actor & { displayName: string }, taskKey: string, expectedVersion: number): Promise<TaskItem> {
    const task = await findTask(this.tasks, taskKey);
    assertCanClaim(actor, task);
    if (task.state === 'CREATED' && task.assignee === actor.username && task.version === expectedVersion) return toTaskItem(task);
    const claimed = await this.engine.assignUserTask(task.id, actor.username, { expectedVersion, actor: actor.username, allowOverride: false });
    return toTaskItem({ ...task, assignee: claimed.assignee, assigneeName: actor.displayName, version: claimed.version });
  }
}
