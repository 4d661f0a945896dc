import type { TaskItem } from '@werkbank/shared';

/** The user's amount filter as the API's decimal string ("1234.5"), or undefined when it is not an amount. */
export function cleanAmount(raw: string | number | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d{1,13}(\.\d{1,2})?$/.test(text) ? text : undefined;
}

/**
 * Due before the calendar day of `now` and still open. `now` is the engine's time (GET /api/clock), not the
 * browser's: in demo mode the engine runs ahead, and the deadlines are the engine's.
 */
export function isOverdue(task: Pick<TaskItem, 'dueDate' | 'state'>, now: Date): boolean {
  if (!task.dueDate || task.state !== 'CREATED') return false;
  return task.dueDate.slice(0, 10) < localIsoDate(now);
}

/** What a person reads as the task's state: an open task someone holds is "Assigned", not "Open" (as in Camunda Tasklist). */
export type DisplayedTaskState = TaskItem['state'] | 'ASSIGNED';

export function displayedState(task: Pick<TaskItem, 'state' | 'assignee'>): DisplayedTaskState {
  return task.state === 'CREATED' && task.assignee ? 'ASSIGNED' : task.state;
}

export function localIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
