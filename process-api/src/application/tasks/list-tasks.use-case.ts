import type { TaskList, TaskListQuery } from '@werkbank/shared';
import { assertCanListAll, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';

export class ListTasksUseCase {
  constructor(private readonly tasks: TaskQueries) {}

  async execute(actor: Actor, query: TaskListQuery): Promise<TaskList> {
    if (query.view === 'all') assertCanListAll(actor);
    return this.tasks.list(query, actor);
  }
}
