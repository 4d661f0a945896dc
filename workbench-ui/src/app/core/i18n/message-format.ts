/** Parameters of a message: `{name}` placeholders and `{count, plural, ...}` / `{kind, select, ...}` arguments. */
export type MessageParams = Record<string, string | number | null | undefined>;

/**
 * A small subset of ICU MessageFormat, enough for our dictionaries: `{name}`, `{n, plural, =0 {..} one {..} other {..}}`
 * (plural category by `Intl.PluralRules` of the locale, `#` is the formatted number) and `{x, select, a {..} other {..}}`.
 * A placeholder without a value stays as written, so a missing parameter is visible rather than silently empty.
 */
export function formatMessage(template: string, params: MessageParams | undefined, locale: string): string {
  let out = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open < 0) return out + template.slice(index);
    const close = matchingBrace(template, open);
    if (close < 0) return out + template.slice(index);
    out += template.slice(index, open) + formatArgument(template.slice(open + 1, close), template.slice(open, close + 1), params, locale);
    index = close + 1;
  }
  return out;
}

function formatArgument(body: string, raw: string, params: MessageParams | undefined, locale: string): string {
  const complex = /^\s*(\w+)\s*,\s*(plural|select)\s*,([\s\S]*)$/.exec(body);
  if (!complex) {
    const value = params?.[body.trim()];
    return value === undefined || value === null ? raw : String(value);
  }
  const [, name, type, rest] = complex;
  const options = parseOptions(rest);
  const value = params?.[name];
  if (value === undefined || value === null) return raw;
  if (type === 'select') {
    const chosen = options.get(String(value)) ?? options.get('other');
    return chosen === undefined ? raw : formatMessage(chosen, params, locale);
  }
  const count = Number(value);
  const chosen = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(locale).select(count)) ?? options.get('other');
  if (chosen === undefined) return raw;
  return formatMessage(chosen.replace(/#/g, new Intl.NumberFormat(locale).format(count)), params, locale);
}

/** `one {..} other {..}` -> selector -> text. */
function parseOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  const selector = /\s*(=?[\w.-]+)\s*\{/y;
  let index = 0;
  while (index < text.length) {
    selector.lastIndex = index;
    const match = selector.exec(text);
    if (!match) break;
    const open = selector.lastIndex - 1;
    const close = matchingBrace(text, open);
    if (close < 0) break;
    options.set(match[1], text.slice(open + 1, close));
    index = close + 1;
  }
  return options;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}
