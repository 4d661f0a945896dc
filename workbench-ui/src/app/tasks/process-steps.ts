/**
 * The processes and user-task steps the list can be filtered on (BPMN process ids and element ids of
 * bpmn-models/recovery.bpmn). Labels come from the dictionaries (`process.<id>`, `step.<id>`), so the steps
 * read in the user's language although the model names them in English.
 */
export const PROCESS_STEPS: readonly { process: string; steps: readonly string[] }[] = [
  {
    process: 'recovery',
    steps: ['Activity_ContactEmployer', 'Activity_ReviewDispute', 'Activity_PrepareTransfer', 'Activity_ApproveTransfer'],
  },
];

/** The filter's single value (`process:<id>` or `step:<id>`) as query parameters. */
export function scopeToQuery(scope: string): { process?: string; step?: string } {
  const [kind, id] = scope.split(':', 2);
  if (!id) return {};
  return kind === 'process' ? { process: id } : kind === 'step' ? { step: id } : {};
}

/** Minimal view of the translator, so that this file stays free of Angular. */
interface Translator {
  has(key: string): boolean;
  translate(key: string): string;
}

/** A step or process in the user's language when the dictionaries know it, else the model's own name. */
export function localName(i18n: Translator, kind: 'step' | 'process', id: string, fallback: string): string {
  const key = `${kind}.${id}`;
  return i18n.has(key) ? i18n.translate(key) : fallback;
}
