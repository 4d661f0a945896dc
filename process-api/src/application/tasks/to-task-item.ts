import type { TaskItem } from '@werkbank/shared';
import type { WorkbenchTask } from '../ports';

/** The contract's view of a task, without the fields only access rules need. */
export function toTaskItem(task: WorkbenchTask): TaskItem {
  return {
    id: task.id,
    name: task.name,
    step: task.step,
    process: task.process,
    state: task.state,
    assignee: task.assignee,
    assigneeName: task.assigneeName,
    candidateGroups: task.candidateGroups,
    caseId: task.caseId,
    employer: task.employer,
    amountDue: task.amountDue,
    dueDate: task.dueDate,
    createdAt: task.createdAt,
    version: task.version,
  };
}
