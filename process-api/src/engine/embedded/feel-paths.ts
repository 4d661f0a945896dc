import { evaluate } from '@bpmn-io/feelin';

/**
 * FEEL evaluation with a fast path for the commonest expressions of the models and routing rules: a variable or a
 * path of names (`enterpriseNumber`, `data.enterpriseNumber`). feelin parses an expression on every evaluation and
 * offers no way to keep the parsed form; for these it is resolved directly, with feelin's results: a missing
 * property or a property of a string, number or boolean is null, the value itself is returned (not a copy).
 * Anything else (lists, whose paths map over their items, temporal values, names FEEL could read otherwise) goes to
 * feelin. Only when the first name is a variable of the context: a bare `now` is feelin's function, not null.
 */
export function evaluateFeel(source: string, context: Record<string, unknown>): unknown {
  const path = pathOf(source);
  if (path && Object.prototype.hasOwnProperty.call(context, path[0]) && context[path[0]] !== undefined) {
    const resolved = resolvePath(context, path);
    if (resolved !== FALL_BACK) return resolved;
  }
  return evaluate(source, context).value;
}

const FALL_BACK = Symbol('fall back to feelin');
const NAME_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Words with a meaning of their own in FEEL: such paths are left to feelin. */
const KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'instance', 'of', 'function', 'between', 'external']);
const paths = new Map<string, string[] | null>();

function pathOf(source: string): string[] | null {
  let path = paths.get(source);
  if (path === undefined) {
    const trimmed = source.trim();
    const names = NAME_PATH.test(trimmed) ? trimmed.split('.') : null;
    path = names && !names.some((n) => KEYWORDS.has(n)) ? names : null;
    // Expressions come from deployed models and routing rules: a bounded set, but bound the cache anyway.
    if (paths.size > 10_000) paths.clear();
    paths.set(source, path);
  }
  return path;
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
