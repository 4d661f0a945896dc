import type { TaskItem } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { AssigneeNotInGroupError, AssigneeNotInTeamError, assertCanAssign, assertCanSee, assignmentLimitedToOwnTeams, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries, UserDirectory } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

/**
 * A team lead hands a task to someone of their own team(s) who may work it (a member of one of its candidate groups);
 * an administrator to anyone who may work it.
 */
export class AssignTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly users: UserDirectory,
    private readonly engine: ProcessEngine,
  ) {}

  async execute(actor: Actor, taskKey: string, assignee: string, expectedVersion: number): Promise<TaskItem> {
    assertCanAssign(actor);
    const task = await findTask(this.tasks, taskKey);
    assertCanSee(actor, task);
    const eligible = task.candidateUsers.includes(assignee) || (await this.users.isInAnyGroup(assignee, task.candidateGroups));
    if (!eligible) throw new AssigneeNotInGroupError(assignee);
    if (assignmentLimitedToOwnTeams(actor) && !(await this.users.shareTeam(actor.username, assignee))) throw new AssigneeNotInTeamError(assignee);
    await this.engine.assignUserTask(task.id, assignee, { expectedVersion, actor: actor.username, allowOverride: true });
    return toTaskItem(await findTask(this.tasks, taskKey));
  }
}
