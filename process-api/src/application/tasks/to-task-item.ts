import type { TaskItem } from '@werkbank/shared';
import type { WorkbenchTask } from '../ports';

export function toTaskItem(task: WorkbenchTask): TaskItem {
  const { candidateUsers: _users, processInstanceKey: _instance, ...item } = task;
  return item;
}
