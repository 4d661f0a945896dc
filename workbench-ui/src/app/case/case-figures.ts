import type { CaseFigure, Language } from '@werkbank/shared';
import { localize } from '../core/processes/process-names';

/** One row of an instalment schedule as the panel shows it. */
export interface ScheduleRow {
  number: string;
  dueDate: string;
  amount: string;
}

/** A case figure ready to show: a label and either a text, a list of codes or a schedule. */
export interface FigureView {
  variable: string;
  label: string;
  text?: string;
  codes?: string[];
  schedule?: ScheduleRow[];
}

/**
 * The figures the case's model declares, formatted for the user's language by their kind. A figure without a value
 * yet (an instalment schedule before approval) is left out rather than shown empty.
 */
export function figureViews(figures: readonly CaseFigure[], language: Language, locale: string): FigureView[] {
  return figures.flatMap((figure) => {
    const view = format(figure, locale);
    return view ? [{ variable: figure.variable, label: localize(figure.name, language), ...view }] : [];
  });
}

function format(figure: CaseFigure, locale: string): Omit<FigureView, 'variable' | 'label'> | null {
  const value = figure.value;
  if (value === null || value === undefined || value === '') return null;
  switch (figure.kind) {
    case 'cents':
      return typeof value === 'number' ? { text: euros(value, locale) } : null;
    case 'integer':
      return typeof value === 'number' ? { text: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value) } : null;
    case 'score':
      return typeof value === 'number' ? { text: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value) } : null;
    case 'codes':
      return Array.isArray(value) && value.length > 0 ? { codes: value.map(String) } : null;
    case 'count':
      return Array.isArray(value) ? { text: String(value.length) } : null;
    case 'date':
      return typeof value === 'string' ? { text: date(value, locale) } : null;
    case 'text':
      return { text: String(value) };
    case 'schedule':
      return Array.isArray(value) && value.length > 0 ? { schedule: value.map((row) => scheduleRow(row, locale)) } : null;
  }
}

function scheduleRow(row: unknown, locale: string): ScheduleRow {
  const entry = (row ?? {}) as Record<string, unknown>;
  return {
    number: String(entry['number'] ?? ''),
    dueDate: typeof entry['dueDate'] === 'string' ? date(entry['dueDate'], locale) : '—',
    amount: typeof entry['amountCents'] === 'number' ? euros(entry['amountCents'], locale) : '—',
  };
}

function euros(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A plain date (`2026-11-30`) is a calendar day, not midnight UTC: read it as local so it never shifts a day. */
function date(value: string, locale: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(parsed);
}
