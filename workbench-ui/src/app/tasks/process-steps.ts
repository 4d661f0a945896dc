/**
 * The task list's process/step filter value as query parameters: `process:<bpmnProcessId>`, or
 * `step:<bpmnProcessId>:<elementId>[,<elementId>...]` (element ids are unique only within a process; one step can sit
 * at several places of a model, e.g. "Claim in insolvency"). The older `step:<elementId>`
 * of saved links still filters on the step alone.
 */
export function scopeToQuery(scope: string): { process?: string; step?: string } {
  const [kind, first, second] = scope.split(':', 3);
  if (!first) return {};
  if (kind === 'process') return { process: first };
  if (kind !== 'step') return {};
  return second ? { process: first, step: second } : { step: first };
}

/** The filter value of one step of a process; a step the model places twice has several element ids. */
export function stepScope(bpmnProcessId: string, elementIds: string | readonly string[]): string {
  return `step:${bpmnProcessId}:${typeof elementIds === 'string' ? elementIds : elementIds.join(',')}`;
}
