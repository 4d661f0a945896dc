import type { TimelineEntry } from '@werkbank/shared';
import type { ProcessNames } from '../core/processes/process-names';

/** Minimal view of the translator, so that this file stays free of Angular. */
export interface TimelineTranslator {
  has(key: string): boolean;
  translate(key: string, params?: Record<string, string>): string;
}

/** Username -> display name, or the username itself when the name is unknown. */
export type NameOf = (username: string) => string;

const STEP_KINDS = new Set([
  'TASK_CREATED',
  'TASK_ASSIGNED',
  'TASK_UNASSIGNED',
  'TASK_COMPLETED',
  'TASK_CANCELED',
  'MESSAGE_CORRELATED',
  'TIMER_FIRED',
  'JOB_COMPLETED',
  'INCIDENT_CREATED',
  'INCIDENT_RESOLVED',
]);

/**
 * The title of a case-history entry in the user's language, built from its stable `kind` and `detail`, with the
 * process and step names the models give (`names`, for the case's process `caseProcessId`). The API's English
 * `title` is the fallback whenever we do not know the kind or cannot name the step.
 */
export function timelineTitle(
  entry: TimelineEntry,
  i18n: TimelineTranslator,
  names: ProcessNames,
  caseProcessId: string,
  nameOf: NameOf = (username) => username,
): string {
  const key = `timeline.${entry.kind}`;
  if (!i18n.has(key)) return entry.title;
  const detail = entry.detail ?? {};
  const processId = text(detail['bpmnProcessId']) ?? caseProcessId;
  switch (entry.kind) {
    case 'CASE_OPENED': {
      const process = names.process(processId);
      return process ? i18n.translate(key, { process }) : entry.title;
    }
    case 'CASE_CLOSED':
    case 'CASE_CANCELED':
      return i18n.translate(key);
    case 'MESSAGE_CORRELATED':
    case 'TIMER_FIRED': {
      // Events are named after what happened ("Payment received", "Payment deadline passed"): the name says it all.
      const elementId = text(detail['elementId']);
      const step = elementId ? names.step(processId, elementId) : null;
      if (step && /Event$/.test(step.kind)) return step.name;
      break;
    }
    case 'TASK_ASSIGNED': {
      const step = stepName(detail, names, processId);
      const assignee = text(detail['assignee']);
      return step && assignee ? i18n.translate(key, { step, assignee: nameOf(assignee) }) : entry.title;
    }
  }
  if (!STEP_KINDS.has(entry.kind)) return entry.title;
  const step = stepName(detail, names, processId);
  return step ? i18n.translate(key, { step }) : entry.title;
}

/** The step by its element id as the model names it, else the task name the API sent along. */
function stepName(detail: Record<string, unknown>, names: ProcessNames, processId: string): string | null {
  const elementId = text(detail['elementId']);
  const step = elementId ? names.step(processId, elementId) : null;
  return step?.name ?? text(detail['taskName']) ?? text(detail['name']);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
