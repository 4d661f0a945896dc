import type { TaskItem } from '@werkbank/shared';

/** The user's amount filter as the API's decimal string ("1234.5"), or undefined when it is not an amount. */
export function cleanAmount(raw: string | number | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d{1,13}(\.\d{1,2})?$/.test(text) ? text : undefined;
}

/** Due before today (local calendar day) and still open. */
export function isOverdue(task: Pick<TaskItem, 'dueDate' | 'state'>, today: Date = new Date()): boolean {
  if (!task.dueDate || task.state !== 'CREATED') return false;
  return task.dueDate.slice(0, 10) < localIsoDate(today);
}

export function localIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
