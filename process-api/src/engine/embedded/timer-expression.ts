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

/**
 * An ISO date-time as Zeebe reads it (java's ZonedDateTime): an offset, optionally followed by a zone id in brackets,
 * `2026-03-28T09:00:00+01:00[Europe/Brussels]`; the offset fixes the instant, the zone then governs calendar steps
 * (a `P1D` cycle stays at 09:00 local across a DST change). Without any zone it is UTC.
 */
function parseDate(text: string): DateTime {
  const [, local = '', zone] = /^(.*?)(?:\[([^\]]+)\])?$/.exec(text.trim()) ?? [];
  const d = DateTime.fromISO(local, { zone: 'utc', setZone: true });
  if (!d.isValid) throw new FeelError('EXTRACT_VALUE_ERROR', `invalid ISO 8601 date-time '${text}'`);
  if (zone === undefined) return d;
  if (!/(Z|[+-]\d\d(:?\d\d)?)$/i.test(local)) throw new FeelError('EXTRACT_VALUE_ERROR', `date-time '${text}' needs an offset before its zone id (e.g. +01:00[${zone}])`);
  const zoned = d.setZone(zone);
  if (!zoned.isValid) throw new FeelError('EXTRACT_VALUE_ERROR', `unknown time zone '${zone}' in '${text}'`);
  return zoned;
}

/** Zone a repeating timer steps in, kept with its interval (`P1D[Europe/Brussels]`): the start's zone, else UTC. */
function zonedInterval(interval: Duration, start: DateTime | null): string {
  const zone = start?.zoneName;
  return zone && zone !== 'UTC' ? `${interval.toISO()}[${zone}]` : (interval.toISO() as string);
}

function parseCycle(text: string, now: Date): TimerSchedule {
  // The interval follows the last slash; a start date between may hold a zone id with slashes of its own.
  const match = /^R(\d*)\/(?:(.+)\/)?([^/]+)$/.exec(text.trim());
  if (!match) throw new FeelError('EXTRACT_VALUE_ERROR', `unsupported timer cycle '${text}' (expected R<n>/<duration> or R<n>/<start>/<duration>)`);
  const total = match[1] === '' ? null : Number(match[1]);
  const interval = parseDuration(match[3] as string);
  const start = match[2] === undefined ? null : parseDate(match[2]);
  // Zeebe: a start strictly in the past is overdue and fires at once.
  const dueAt = start ? new Date(Math.max(start.toMillis(), now.getTime())) : DateTime.fromJSDate(now, { zone: 'utc' }).plus(interval).toJSDate();
  return { dueAt, repetitions: total === null ? null : Math.max(total - 1, 0), interval: zonedInterval(interval, start) };
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

/** Next due time of a repeating timer: the interval added in its zone (calendar days keep their local time). */
export function nextDue(dueAt: Date, interval: string): Date {
  const [, iso = '', zone = 'utc'] = /^(.*?)(?:\[([^\]]+)\])?$/.exec(interval) ?? [];
  return DateTime.fromJSDate(dueAt, { zone }).plus(Duration.fromISO(iso)).toJSDate();
}

/** Moves a time by an ISO duration (used by the controllable clock). */
export function durationMs(text: string): number {
  return parseDuration(text).as('milliseconds');
}
