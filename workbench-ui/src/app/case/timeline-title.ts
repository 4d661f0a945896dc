import type { TimelineEntry } from '@werkbank/shared';

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
 * The title of a case-history entry in the user's language, built from its stable `kind` and `detail`.
 * The API's English `title` is the fallback whenever we do not know the kind or cannot name the step.
 */
export function timelineTitle(entry: TimelineEntry, i18n: TimelineTranslator, nameOf: NameOf = (username) => username): string {
  const key = `timeline.${entry.kind}`;
  if (!i18n.has(key)) return entry.title;
  const detail = entry.detail ?? {};
  switch (entry.kind) {
    case 'CASE_OPENED': {
      const process = text(detail['bpmnProcessId']);
      return process && i18n.has(`process.${process}`) ? i18n.translate(key, { process: i18n.translate(`process.${process}`) }) : entry.title;
    }
    case 'CASE_CLOSED':
    case 'CASE_CANCELED':
      return i18n.translate(key);
    case 'MESSAGE_CORRELATED': {
      // "Payment received" says more than the step that was waiting for it.
      const message = text(detail['messageName']);
      if (message && i18n.has(`message.${message}`)) return i18n.translate(`message.${message}`);
      break;
    }
    case 'TIMER_FIRED': {
      // Timer steps are named after what their firing means ("Payment deadline passed").
      const elementId = text(detail['elementId']);
      if (elementId && i18n.has(`step.${elementId}`)) return i18n.translate(`step.${elementId}`);
      break;
    }
    case 'TASK_ASSIGNED': {
      const step = stepName(detail, i18n);
      const assignee = text(detail['assignee']);
      return step && assignee ? i18n.translate(key, { step, assignee: nameOf(assignee) }) : entry.title;
    }
  }
  if (!STEP_KINDS.has(entry.kind)) return entry.title;
  const step = stepName(detail, i18n);
  return step ? i18n.translate(key, { step }) : entry.title;
}

/** The step by its element id when we translate it, else the task name the API sent along. */
function stepName(detail: Record<string, unknown>, i18n: TimelineTranslator): string | null {
  const elementId = text(detail['elementId']);
  if (elementId && i18n.has(`step.${elementId}`)) return i18n.translate(`step.${elementId}`);
  return text(detail['taskName']) ?? text(detail['name']);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
