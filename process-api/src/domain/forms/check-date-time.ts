type Data = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** How far ahead a date may lie: beyond it is a typing slip (9999-12-31), not a promise anyone can keep. */
export const MAX_YEARS_AHEAD = 10;

/**
 * A form-js `datetime` value: its shape for the subtype, and for the date part the rules that need "today":
 * `disallowPassedDates` (form-js greys out past days; the server must refuse them too) and at most
 * {@link MAX_YEARS_AHEAD} years ahead. `today` is the office's calendar day (YYYY-MM-DD) by the engine's clock;
 * without it those two rules are skipped.
 */
export function checkDateTime(component: Data, value: unknown, today: string | undefined, fail: (message: string) => void): void {
  const subtype = typeof component['subtype'] === 'string' ? component['subtype'] : 'date';
  if (typeof value !== 'string') return fail('must be a date');
  if (subtype === 'time') {
    if (!ISO_TIME.test(value)) fail('must be a time (HH:mm)');
    return;
  }
  if (subtype === 'datetime') {
    if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)) || !isRealDate(value.slice(0, 10))) return fail('must be a date and time');
  } else if (!ISO_DATE.test(value) || !isRealDate(value)) {
    return fail('must be a date (YYYY-MM-DD)');
  }
  if (!today) return;
  // The day as the user picked it: a datetime carries the picker's own offset, so its first ten characters are that day.
  const day = value.slice(0, 10);
  if (component['disallowPassedDates'] === true && day < today) fail(`must not be in the past (today is ${today})`);
  const latest = yearsAfter(today, MAX_YEARS_AHEAD);
  if (day > latest) fail(`must be at most ${MAX_YEARS_AHEAD} years ahead (${latest} at the latest)`);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone; the office works in Europe/Brussels. */
export function calendarDay(instant: Date, timeZone = 'Europe/Brussels'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function yearsAfter(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  // 29 February rolls over to 1 March in a common year, as a year count should.
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
