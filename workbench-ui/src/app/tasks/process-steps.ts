/**
 * The task list's process/step filter value as query parameters: `process:<bpmnProcessId>`, or
 * `step:<bpmnProcessId>:<elementId>` (element ids are unique only within a process). The older `step:<elementId>`
 * of saved links still filters on the step alone.
 */
export function scopeToQuery(scope: string): { process?: string; step?: string } {
  const [kind, first, second] = scope.split(':', 3);
  if (!first) return {};
  if (kind === 'process') return { process: first };
  if (kind !== 'step') return {};
  return second ? { process: first, step: second } : { step: first };
}

/** The filter value of one step of a process. */
export function stepScope(bpmnProcessId: string, elementId: string): string {
  return `step:${bpmnProcessId}:${elementId}`;
}
