import { NotFoundError, type TaskQueries, type WorkbenchTask } from '../ports';

export async function findTask(tasks: TaskQueries, taskKey: string): Promise<WorkbenchTask> {
  const task = await tasks.find(taskKey);
  if (!task) throw new NotFoundError('TASK_NOT_FOUND', `Task ${taskKey} does not exist`);
  return task;
}
