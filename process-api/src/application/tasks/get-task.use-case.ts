import type { TaskDetail } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';
import { assertCanSee, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';
import { findTask } from './find-task';
import { toTaskItem } from './to-task-item';

export class GetTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly engine: ProcessEngine,
  ) {}

  async execute(actor: Actor, taskKey: string): Promise<TaskDetail> {
    const task = await findTask(this.tasks, taskKey);
    assertCanSee(actor, task);
    const [form, variables] = await Promise.all([this.engine.getFormForUserTask(task.id), this.engine.getVariables(task.processInstanceKey)]);
    return { ...toTaskItem(task), form, variables };
  }
}
