import pg from 'pg';

/**
 * Statements the engine sends for every command, prepared once per pool connection: PostgreSQL then parses, analyses
 * and (after its first five custom plans, when the generic one is as cheap) plans them once instead of on every
 * command. Only statements marked with `prepared()` are: they are few, their texts repeat, and their plans do not
 * depend on skewed parameter values (key lookups), unlike the task-list queries, which stay unnamed.
 */
export function prepared(sql: string): string {
  return PREPARED_MARK + sql;
}

const PREPARED_MARK = '/* prepared */ ';

/** Distinct texts get a name each; past this many, further texts run unnamed (a bound on server-side plans). */
export const MAX_PREPARED_TEXTS = 2_000;
const names = new Map<string, string>();

export function preparedName(text: string): string | null {
  if (!text.startsWith(PREPARED_MARK)) return null;
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_PREPARED_TEXTS) return null;
    name = `werkbank_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The pool's client class (`extra.Client` of the data source): a marked statement with parameters is sent as a named
 * statement; pg parses it on a connection the first time and only binds and executes it afterwards.
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config, values] = args;
    if (typeof config === 'string' && Array.isArray(values)) {
      const name = preparedName(config);
      if (name !== null) args[0] = { name, text: config };
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
