import { parseExpression } from '@bpmn-io/feelin';
import { DateTime, Duration, Settings, SystemZone } from 'luxon';
import { evaluateFeel } from './feel-paths';

/** Why a FEEL evaluation could not produce a usable value; becomes an incident of this type. */
export class FeelError extends Error {
  constructor(
    readonly incidentType: 'EXTRACT_VALUE_ERROR' | 'IO_MAPPING_ERROR' | 'CONDITION_ERROR' | 'UNHANDLED_ERROR_EVENT' | 'CALLED_ELEMENT_ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'FeelError';
  }
}

/** Zeebe marks FEEL with a leading `=`; anything else is a static value. */
export function isFeel(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

function body(expression: string): string {
  return expression.trimStart().slice(1);
}

/** Returns a syntax error message, or null when the expression parses. */
export function feelSyntaxError(expression: string): string | null {
  const source = isFeel(expression) ? body(expression) : expression;
  if (source.trim() === '') return 'empty FEEL expression';
  try {
    const tree = parseExpression(source, {}, undefined);
    let error: string | null = null;
    tree.iterate({
      enter(node) {
        if (node.type.isError && !error) error = `syntax error at ${node.from} in '${source}'`;
      },
    });
    return error;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Runs synchronous FEEL work as of the engine time `now`. feelin's `now()` and `today()` read luxon's global clock and
 * zone, so both are swapped for the duration of `work` and restored afterwards: the time is the clock of the engine
 * doing the work (two engines in one process cannot interleave inside synchronous code) and the zone is UTC, so
 * that `string(now())` names its offset instead of printing the machine's wall time and `today()` is a FEEL date.
 * (feelin types a UTC date-time at exactly midnight as a date; `string()` then drops the time: same instant.)
 */
export function atFeelTime<T>(now: Date, work: () => T): T {
  const saved = { now: Settings.now, zone: Settings.defaultZone };
  const at = now.getTime();
  Settings.now = () => at;
  Settings.defaultZone = 'utc';
  try {
    const result = work();
    if (result instanceof Promise) throw new Error('atFeelTime runs synchronous work only');
    return result;
  } finally {
    Settings.now = saved.now;
    Settings.defaultZone = saved.zone;
  }
}

/** A FEEL date-time without offset (luxon's system zone) is UTC wall time, as in Zeebe, whatever the machine's zone. */
export function asUtc(value: DateTime): DateTime {
  return value.zone === SystemZone.instance ? value.setZone('utc', { keepLocalTime: true }) : value;
}

/** Parses an ISO date or date-time string; without an offset it is UTC. Null when it is not ISO 8601. */
export function parseIsoInstant(text: string): Date | null {
  const parsed = DateTime.fromISO(text.trim(), { zone: 'utc', setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** FEEL temporal values become their ISO strings so that variables stay plain JSON. */
export function toJson(value: unknown): unknown {
  if (DateTime.isDateTime(value)) return asUtc(value).toISO();
  if (Duration.isDuration(value)) return value.toISO();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v)]));
  }
  return value === undefined ? null : value;
}

/** Evaluates a FEEL expression (with its leading `=`) and returns the raw feelin value (temporal values kept). */
export function evaluateRaw(expression: string, context: Record<string, unknown>): unknown {
  try {
    return evaluateFeel(body(expression), context);
  } catch (e) {
    throw new FeelError('EXTRACT_VALUE_ERROR', `failed to evaluate '${expression}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A static value is returned as is; FEEL is evaluated and converted to JSON. */
export function valueOf(expression: string, context: Record<string, unknown>): unknown {
  return isFeel(expression) ? toJson(evaluateRaw(expression, context)) : expression;
}

export function evaluateBoolean(expression: string, context: Record<string, unknown>): boolean {
  const value = evaluateRaw(expression, context);
  // A null condition is not false in Zeebe: it is an incident.
  if (typeof value !== 'boolean') {
    throw new FeelError('EXTRACT_VALUE_ERROR', `expected boolean but '${expression}' evaluated to ${JSON.stringify(toJson(value)) ?? 'null'}`);
  }
  return value;
}

export function evaluateString(expression: string, context: Record<string, unknown>, what: string): string {
  const value = valueOf(expression, context);
  if (typeof value !== 'string') throw new FeelError('EXTRACT_VALUE_ERROR', `expected ${what} to be a string but got ${JSON.stringify(value)}`);
  return value;
}

export function evaluateOptionalString(expression: string | undefined, context: Record<string, unknown>, what: string): string | null {
  if (expression === undefined || expression === '') return null;
  const value = valueOf(expression, context);
  if (value === null) return null;
  if (typeof value !== 'string') throw new FeelError('EXTRACT_VALUE_ERROR', `expected ${what} to be a string but got ${JSON.stringify(value)}`);
  return value;
}

/** Candidates: static "a, b" or FEEL giving a list of strings (a single string is accepted as a one-element list). */
export function evaluateStringList(expression: string | undefined, context: Record<string, unknown>, what: string): string[] {
  if (expression === undefined || expression.trim() === '') return [];
  if (!isFeel(expression)) return expression.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const value = valueOf(expression, context);
  if (value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new FeelError('EXTRACT_VALUE_ERROR', `expected ${what} to be a list of strings but got ${JSON.stringify(value)}`);
}

/** Correlation keys: string or number (a number is truncated to an integer string, as Zeebe does). */
export function evaluateCorrelationKey(expression: string, context: Record<string, unknown>): string {
  const value = valueOf(expression, context);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(Math.trunc(value));
  throw new FeelError('EXTRACT_VALUE_ERROR', `expected correlation key '${expression}' to be a string or number but got ${JSON.stringify(value)}`);
}
