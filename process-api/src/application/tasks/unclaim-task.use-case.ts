import type { TaskItem } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { assertCanUnclaim, TaskAccessDeniedError, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries, UserDirectory } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

/** Puts a task back in the group queue: the assignee gives it up, or the lead of the assignee's team takes it away (an administrator: anyone's). */
export class UnclaimTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly users: UserDirectory,
    private readonly engine: ProcessEngine,
  ) {}

  async execute(actor: Actor, taskKey: string, expectedVersion: number): Promise<TaskItem> {
    const task = await findTask(this.tasks, taskKey);
    assertCanUnclaim(actor, task);
    const takenAway = task.assignee !== null && task.assignee !== actor.username && !actor.roles.includes('admin');
    if (takenAway && !(await this.users.shareTeam(actor.username, task.assignee as string))) {
      throw new TaskAccessDeniedError(`Only the lead of ${task.assignee}'s team or an administrator can take this task away`);
    }
    await this.engine.assignUserTask(task.id, null, { expectedVersion, actor: actor.username, allowOverride: true });
    return toTaskItem(await findTask(this.tasks, taskKey));
  }
}
