import { evaluate } from '@bpmn-io/feelin';

/**
 * FEEL evaluation with a fast path for the commonest expressions of the models and routing rules: a variable or a
 * path of names (`enterpriseNumber`, `data.enterpriseNumber`). feelin parses an expression on every evaluation and
 * offers no way to keep the parsed form; for these it is resolved directly, with feelin's results: a missing
 * property or a property of a string, number or boolean is null, the value itself is returned (not a copy).
 * Anything else (lists, whose paths map over their items, temporal values, names FEEL could read otherwise) goes to
 * feelin. Only when the first name is a variable of the context: a bare `now` is feelin's function, not null.
 * A context literal whose entries are such paths is built the same way, entry by entry.
 */
export function evaluateFeel(source: string, context: Record<string, unknown>): unknown {
  const shape = shapeOf(source);
  if (shape) {
    const resolved = shape.kind === 'path' ? resolveVariable(context, shape.path) : resolveContextLiteral(context, shape.entries);
    if (resolved !== FALL_BACK) return resolved;
  }
  return evaluate(source, context).value;
}

/** Also a context literal of such paths, `{debtId: data.debtId, amountDueCents: data.amountCents}` (routing rules). */
type Shape = { kind: 'path'; path: string[] } | { kind: 'context'; entries: [string, string[]][] };

function resolveVariable(context: Record<string, unknown>, path: string[]): unknown {
  if (!Object.prototype.hasOwnProperty.call(context, path[0]) || context[path[0]] === undefined) return FALL_BACK;
  return resolvePath(context, path);
}

function resolveContextLiteral(context: Record<string, unknown>, entries: [string, string[]][]): unknown {
  const result: Record<string, unknown> = {};
  for (const [key, path] of entries) {
    // An entry may name an earlier entry of the same literal (FEEL scoping): left to feelin.
    if (Object.prototype.hasOwnProperty.call(result, path[0]) || Object.prototype.hasOwnProperty.call(result, key)) return FALL_BACK;
    const value = resolveVariable(context, path);
    if (value === FALL_BACK) return FALL_BACK;
    result[key] = value;
  }
  return result;
}

const FALL_BACK = Symbol('fall back to feelin');
const NAME_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Words with a meaning of their own in FEEL: such paths are left to feelin. */
const KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'instance', 'of', 'function', 'between', 'external']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const shapes = new Map<string, Shape | null>();

function pathOf(text: string): string[] | null {
  const trimmed = text.trim();
  const names = NAME_PATH.test(trimmed) ? trimmed.split('.') : null;
  return names && !names.some((n) => KEYWORDS.has(n)) ? names : null;
}

function parseShape(source: string): Shape | null {
  const path = pathOf(source);
  if (path) return { kind: 'path', path };
  const trimmed = source.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  const inner = trimmed.slice(1, -1);
  if (inner.trim() === '') return null;
  const entries: [string, string[]][] = [];
  for (const part of inner.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return null;
    const key = part.slice(0, colon).trim();
    const value = pathOf(part.slice(colon + 1));
    if (!NAME.test(key) || KEYWORDS.has(key) || !value || entries.some(([k]) => k === key)) return null;
    entries.push([key, value]);
  }
  return { kind: 'context', entries };
}

function shapeOf(source: string): Shape | null {
  let shape = shapes.get(source);
  if (shape === undefined) {
    shape = parseShape(source);
    // Expressions come from deployed models and routing rules: a bounded set, but bound the cache anyway.
    if (shapes.size > 10_000) shapes.clear();
    shapes.set(source, shape);
  }
  return shape;
}

function isPlainObject(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function resolvePath(context: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = context;
  for (const name of path) {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return null;
    if (typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value)) return FALL_BACK;
    value = Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : null;
  }
  return value === undefined ? null : value;
}
