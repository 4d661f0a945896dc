import { DateTime, Duration } from 'luxon';
import { FeelError, asUtc, evaluateRaw, isFeel } from './feel';

export type TimerKind = 'duration' | 'date' | 'cycle';

/** The first due time of a timer and, for cycles, how it repeats. */
export interface TimerSchedule {
  dueAt: Date;
  /** Remaining firings after the first one; null = unbounded; 0 = fires once. */
  repetitions: number | null;
  /** ISO duration between firings of a cycle. */
  interval: string | null;
}

function parseDuration(text: string): Duration {
  const d = Duration.fromISO(text.trim());
  if (!d.isValid) throw new FeelError('EXTRACT_VALUE_ERROR', `invalid ISO 8601 duration '${text}'`);
  return d;
}

function parseDate(text: string): DateTime {
  // A date-time without a zone is UTC in Zeebe.
  const d = DateTime.fromISO(text.trim(), { zone: 'utc', setZone: true });
  if (!d.isValid) throw new FeelError('EXTRACT_VALUE_ERROR', `invalid ISO 8601 date-time '${text}'`);
  return d;
}

function parseCycle(text: string, now: Date): TimerSchedule {
  const parts = text.trim().split('/');
  const match = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!match || parts.length < 2 || parts.length > 3) throw new FeelError('EXTRACT_VALUE_ERROR', `unsupported timer cycle '${text}' (expected R<n>/<duration>)`);
  const total = match[1] === '' ? null : Number(match[1]);
  const interval = parseDuration(parts[parts.length - 1] as string);
  const start = parts.length === 3 ? parseDate(parts[1] as string) : DateTime.fromJSDate(now).plus(interval);
  return { dueAt: start.toJSDate(), repetitions: total === null ? null : Math.max(total - 1, 0), interval: interval.toISO() };
}

/** Checks a static timer value at deploy; FEEL values are checked at runtime. */
export function staticTimerProblem(kind: TimerKind, text: string): string | null {
  if (isFeel(text)) return null;
  try {
    if (kind === 'duration') parseDuration(text);
    else if (kind === 'date') parseDate(text);
    else parseCycle(text, new Date());
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Evaluates a timer definition (static ISO text or FEEL) against `now`. */
export function scheduleTimer(kind: TimerKind, text: string, context: Record<string, unknown>, now: Date): TimerSchedule {
  let value: unknown = text;
  if (isFeel(text)) value = evaluateRaw(text, context);
  if (Duration.isDuration(value)) value = value.toISO();
  if (DateTime.isDateTime(value)) return { dueAt: asUtc(value).toJSDate(), repetitions: 0, interval: null };
  if (typeof value !== 'string') throw new FeelError('EXTRACT_VALUE_ERROR', `timer expression '${text}' gave ${JSON.stringify(value)}`);
  if (kind === 'duration') return { dueAt: DateTime.fromJSDate(now).plus(parseDuration(value)).toJSDate(), repetitions: 0, interval: null };
  if (kind === 'date') return { dueAt: parseDate(value).toJSDate(), repetitions: 0, interval: null };
  return parseCycle(value, now);
}

/** Next due time of a repeating timer. */
export function nextDue(dueAt: Date, interval: string): Date {
  return DateTime.fromJSDate(dueAt).plus(Duration.fromISO(interval)).toJSDate();
}

/** Moves a time by an ISO duration (used by the controllable clock). */
export function durationMs(text: string): number {
  return parseDuration(text).as('milliseconds');
}
