/**
 * The task list's state as it lives in the URL query string (shareable, survives reload and back). Amounts
 * and dates are kept canonical there ("10000.5", "2027-01-31") so that a link works in every language.
 */
export interface ListState {
  employer: string;
  amountMin: string;
  amountMax: string;
  dueBefore: string;
  scope: string;
  sort: string;
  direction: 'asc' | 'desc';
  page: number;
  size: number;
}

export const DEFAULT_STATE: ListState = {
  employer: '',
  amountMin: '',
  amountMax: '',
  dueBefore: '',
  scope: '',
  sort: 'dueDate',
  direction: 'asc',
  page: 0,
  size: 25,
};

export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100];
const SORT_COLUMNS = ['employer', 'name', 'process', 'amountDue', 'dueDate', 'assignee', 'state'];

export type AmountError = 'invalid' | 'negative';
export type AmountResult = { value: string } | { error: AmountError };

/**
 * An amount typed the way the app shows it in the current locale: "10.000,50" in nl-BE, fr-BE and en-BE (also
 * with spaces as in French), and "10,000.50" as English speakers elsewhere write it. The locale's decimal mark
 * is tried first; the other convention is accepted when the text only makes sense that way, since decimals have
 * at most two digits ("10,000.00", "10.5"). Empty is "no filter" (value '').
 */
export function parseAmount(raw: string, locale: string): AmountResult {
  const text = raw.replace(/[\s\u00a0\u202f€]/g, '');
  if (text === '') return { value: '' };
  if (/^-/.test(text)) return /^-[\d.,]+$/.test(text) ? { error: 'negative' } : { error: 'invalid' };
  const first = decimalMark(locale);
  for (const decimal of [first, first === ',' ? '.' : ',']) {
    const group = decimal === ',' ? '\\.' : ',';
    const match = new RegExp(`^(\\d{1,3}(?:${group}\\d{3})+|\\d+)(?:${decimal === '.' ? '\\.' : ','}(\\d{1,2}))?$`).exec(text);
    if (match) return { value: canonical(match[1].replace(/[.,]/g, ''), match[2]) };
  }
  return { error: 'invalid' };
}

function decimalMark(locale: string): ',' | '.' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((entry) => entry.type === 'decimal');
  return part?.value === '.' ? '.' : ',';
}

function canonical(whole: string, fraction: string | undefined): string {
  const integer = whole.replace(/^0+(?=\d)/, '');
  if (integer.length > 13) return integer; // the API refuses it with its own message
  return fraction ? `${integer}.${fraction}` : integer;
}

/** A canonical amount as the user would type it in `locale` ("10000.5" -> "10.000,5" in nl-BE). */
export function formatAmountInput(value: string, locale: string): string {
  if (value === '') return '';
  const number = Number(value);
  return Number.isFinite(number) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number) : value;
}

/** True when both bounds are given and the lower one is above the upper one. */
export function isInvertedRange(min: string, max: string): boolean {
  return min !== '' && max !== '' && Number(min) > Number(max);
}

/** The list state from the query string; anything malformed (hand-edited links) falls back to the default. */
export function readListState(params: Readonly<Record<string, string | undefined>>): ListState {
  const amount = (value: string | undefined) => (value && /^\d{1,13}(\.\d{1,2})?$/.test(value) ? value : '');
  const page = Number(params['page']);
  const size = Number(params['size']);
  const sort = params['sort'] ?? '';
  return {
    employer: params['employer']?.trim() ?? '',
    amountMin: amount(params['amountMin']),
    amountMax: amount(params['amountMax']),
    dueBefore: params['dueBefore'] && isCalendarDay(params['dueBefore']) ? params['dueBefore'] : '',
    scope: /^(process|step):[\w-]+(:[\w-]+(,[\w-]+)*)?$/.test(params['scope'] ?? '') ? (params['scope'] as string) : '',
    sort: SORT_COLUMNS.includes(sort) ? sort : DEFAULT_STATE.sort,
    direction: params['direction'] === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_STATE.size,
  };
}

/** The query string of a state: defaults are left out, so a fresh list has a clean URL. */
export function writeListState(state: ListState): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  for (const key of Object.keys(DEFAULT_STATE) as (keyof ListState)[]) {
    const value = state[key];
    params[key] = value === DEFAULT_STATE[key] ? null : String(value);
  }
  return params;
}

export function hasFilters(state: ListState): boolean {
  return [state.employer, state.amountMin, state.amountMax, state.dueBefore, state.scope].some((value) => value !== '');
}

/** "2026-02-31" is not a day: the Date constructor would silently roll it over into March. */
export function isCalendarDay(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
