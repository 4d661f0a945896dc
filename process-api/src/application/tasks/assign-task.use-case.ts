import type { TaskItem } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { AssigneeNotInGroupError, assertCanAssign, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries, UserDirectory } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

/** A team lead hands a task to someone who may work it (a member of one of its candidate groups). */
export class AssignTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly users: UserDirectory,
    private readonly engine: ProcessEngine,
  ) {}

  async execute(actor: Actor, taskKey: string, assignee: string, expectedVersion: number): Promise<TaskItem> {
    assertCanAssign(actor);
    const task = await findTask(this.tasks, taskKey);
    const eligible = task.candidateUsers.includes(assignee) || (await this.users.isInAnyGroup(assignee, task.candidateGroups));
    if (!eligible) throw new AssigneeNotInGroupError(assignee);
    await this.engine.assignUserTask(task.id, assignee, { expectedVersion, actor: actor.username, allowOverride: true });
    return toTaskItem(await findTask(this.tasks, taskKey));
  }
}
