import { checkDateTime } from './check-date-time';
import type { ConditionEvaluator } from './condition-evaluator';
import type { FieldError } from './form-errors';

type Data = Record<string, unknown>;

export interface FormValidationOptions {
  evaluate: ConditionEvaluator;
  /** Process variables visible to the task: conditions see them, and `valuesKey` options come from them. */
  variables?: Data;
  /** The office's calendar day (YYYY-MM-DD) by the engine's clock, never the machine's: for `disallowPassedDates` and absurd future dates. */
  today?: string;
}

export interface FormValidationResult {
  /** The submitted values without the values of hidden fields (form-js does not submit those either). */
  values: Data;
  errors: FieldError[];
}

// Components that show something but bind no value.
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'button', 'spacer', 'separator', 'iframe', 'table', 'documentPreview', 'default']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{5,}$/;

interface Walk {
  errors: FieldError[];
  options: FormValidationOptions;
}

/**
 * Validates data submitted for a form-js form on the server, where the browser cannot be trusted: required
 * fields, lengths, ranges, patterns, option values, types, conditional `hide` (a hidden field is never required
 * and its value is dropped), and keys the form does not know. A schema that cannot be read yields an error,
 * never an exception.
 */
export function validateFormSubmission(schema: unknown, submitted: Data, options: FormValidationOptions): FormValidationResult {
  if (!isRecord(schema) || !Array.isArray(schema['components'])) {
    return { values: {}, errors: [{ field: '(form)', message: 'the form of this task cannot be read' }] };
  }
  const walk: Walk = { errors: [], options };
  const values = { ...submitted };
  const scope = { ...(options.variables ?? {}), ...submitted };
  validateLevel(schema['components'], submitted, values, '', scope, walk);
  return { values, errors: walk.errors };
}

function validateLevel(components: unknown[], data: Data, out: Data, prefix: string, scope: Data, walk: Walk): void {
  const bound = new Set<string>();
  visit(components, false);
  for (const key of Object.keys(data)) {
    if (!bound.has(key)) walk.errors.push({ field: prefix + key, message: 'is not a field of this form' });
  }

  function visit(list: unknown[], parentHidden: boolean): void {
    for (const component of list) {
      if (!isRecord(component)) continue;
      const type = typeof component['type'] === 'string' ? component['type'] : '';
      const hidden = parentHidden || isHidden(component, scope, walk.options);
      const children = Array.isArray(component['components']) ? component['components'] : null;
      if (children) {
        const path = pathOf(component['path']);
        if (path.length === 0) {
          // A group without a path binds its fields at this level.
          if (type !== 'dynamiclist') visit(children, hidden);
          continue;
        }
        bound.add(path[0]);
        if (hidden) {
          delete out[path[0]];
          continue;
        }
        const field = prefix + path.join('.');
        if (type === 'dynamiclist') validateList(children, getPath(data, path), field, path);
        else validateGroup(children, getPath(data, path), field, path);
        continue;
      }
      if (typeof component['key'] !== 'string' || component['key'] === '' || DISPLAY_ONLY.has(type)) continue;
      const keyPath = component['key'].split('.');
      bound.add(keyPath[0]);
      if (hidden) {
        if (keyPath.length === 1) delete out[keyPath[0]];
        continue;
      }
      checkField(component, type, getPath(data, keyPath), prefix + component['key'], walk);
    }
  }

  function validateGroup(children: unknown[], value: unknown, field: string, path: string[]): void {
    if (value !== undefined && value !== null && !isRecord(value)) {
      walk.errors.push({ field, message: 'must be an object' });
      return;
    }
    const inner = isRecord(value) ? value : {};
    const innerOut = { ...inner };
    validateLevel(children, inner, innerOut, `${field}.`, { ...scope, ...inner }, walk);
    if (value !== undefined && value !== null) setPath(out, path, innerOut);
  }

  function validateList(children: unknown[], value: unknown, field: string, path: string[]): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      walk.errors.push({ field, message: 'must be a list' });
      return;
    }
    const items = value.map((item, index) => {
      if (!isRecord(item)) {
        walk.errors.push({ field: `${field}[${index}]`, message: 'must be an object' });
        return item;
      }
      const itemOut = { ...item };
      validateLevel(children, item, itemOut, `${field}[${index}].`, { ...scope, ...item, this: item, parent: scope }, walk);
      return itemOut;
    });
    setPath(out, path, items);
  }
}

function checkField(component: Data, type: string, value: unknown, field: string, walk: Walk): void {
  const rules = isRecord(component['validate']) ? component['validate'] : {};
  const required = rules['required'] === true;
  const fail = (message: string): void => {
    walk.errors.push({ field, message });
  };

  if (type === 'checkbox') {
    if (value !== undefined && value !== null && typeof value !== 'boolean') fail('must be true or false');
    else if (required && value !== true) fail('is required');
    return;
  }
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (required) fail('is required');
    return;
  }
  switch (type) {
    case 'textfield':
    case 'textarea':
      return checkText(value, rules, fail);
    case 'number':
      return checkNumber(value, rules, fail, component['decimalDigits']);
    case 'select':
    case 'radio': {
      if (!isPrimitive(value)) return fail('must be one of the options');
      const allowed = optionValues(component, walk.options.variables);
      if (allowed && !allowed.includes(value)) fail(`must be one of: ${allowed.map(String).join(', ')}`);
      return;
    }
    case 'checklist':
    case 'taglist': {
      if (!Array.isArray(value) || !value.every(isPrimitive)) return fail('must be a list of options');
      const allowed = optionValues(component, walk.options.variables);
      const unknown = allowed ? value.filter((v) => !allowed.includes(v)) : [];
      if (unknown.length > 0) fail(`contains values that are not options: ${unknown.map(String).join(', ')}`);
      return;
    }
    case 'datetime':
      return checkDateTime(component, value, walk.options.today, fail);
    default:
      return;
  }
}

function checkText(value: unknown, rules: Data, fail: (m: string) => void): void {
  if (typeof value !== 'string') return fail('must be text');
  if (typeof rules['minLength'] === 'number' && value.length < rules['minLength']) fail(`must have at least ${rules['minLength']} characters`);
  if (typeof rules['maxLength'] === 'number' && value.length > rules['maxLength']) fail(`must have at most ${rules['maxLength']} characters`);
  if (typeof rules['pattern'] === 'string' && rules['pattern'] !== '') {
    const pattern = safeRegExp(rules['pattern']);
    if (pattern && !pattern.test(value)) fail(`must match the pattern ${rules['pattern']}`);
  }
  if (rules['validationType'] === 'email' && !EMAIL.test(value)) fail('must be an e-mail address');
  if (rules['validationType'] === 'phone' && !PHONE.test(value)) fail('must be a phone number');
}

function checkNumber(value: unknown, rules: Data, fail: (m: string) => void, decimalDigits?: unknown): void {
  // form-js submits numbers, or numeric strings when the field serialises to string (to keep decimals exact).
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fail('must be a number');
  if (typeof rules['min'] === 'number' && n < rules['min']) fail(`must be at least ${rules['min']}`);
  if (typeof rules['max'] === 'number' && n > rules['max']) fail(`must be at most ${rules['max']}`);
  // form-js rounds the input to `decimalDigits`; the server refuses more digits (amounts in cents must be whole).
  if (typeof decimalDigits === 'number' && decimalDigits >= 0 && decimalsOf(value) > decimalDigits) fail(`must have at most ${decimalDigits} decimals`);
}

/** Decimal places as written (a string), or of the shortest form of a number (1e-7 has 7). */
function decimalsOf(value: unknown): number {
  const text = String(value);
  const [mantissa, exponent] = text.toLowerCase().split('e');
  const places = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return Math.max(places, 0);
}

function optionValues(component: Data, variables: Data | undefined): unknown[] | null {
  const source = Array.isArray(component['values'])
    ? component['values']
    : typeof component['valuesKey'] === 'string' && Array.isArray(variables?.[component['valuesKey']])
      ? (variables?.[component['valuesKey']] as unknown[])
      : null;
  // Options computed by an expression, or from a variable we do not have, cannot be checked here.
  if (!source) return null;
  return source.map((option) => (isRecord(option) ? option['value'] : option));
}

function isHidden(component: Data, scope: Data, options: FormValidationOptions): boolean {
  const conditional = component['conditional'];
  if (!isRecord(conditional) || typeof conditional['hide'] !== 'string' || conditional['hide'].trim() === '') return false;
  return options.evaluate(conditional['hide'], scope) === true;
}

function pathOf(path: unknown): string[] {
  return typeof path === 'string' ? path.split('.').filter((s) => s !== '') : [];
}

function getPath(data: Data, path: string[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function setPath(data: Data, path: string[], value: unknown): void {
  let current = data;
  for (const segment of path.slice(0, -1)) {
    const next = isRecord(current[segment]) ? { ...(current[segment] as Data) } : {};
    current[segment] = next;
    current = next;
  }
  current[path[path.length - 1]] = value;
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
