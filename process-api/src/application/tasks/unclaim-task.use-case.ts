import type { TaskItem } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { assertCanUnclaim, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

/** Puts a task back in the group queue: the assignee gives it up, or a team lead takes it away. */
export class UnclaimTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly engine: ProcessEngine,
  ) {}

  async execute(actor: Actor, taskKey: string, expectedVersion: number): Promise<TaskItem> {
    const task = await findTask(this.tasks, taskKey);
    assertCanUnclaim(actor, task);
    await this.engine.assignUserTask(task.id, null, { expectedVersion, actor: actor.username, allowOverride: true });
    return toTaskItem(await findTask(this.tasks, taskKey));
  }
}
