import { escapeLiteral } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Statements that need no result, sent to PostgreSQL in one round trip and executed in order, as if sent one by one
 * (one multi-statement simple query inside the caller's transaction; the first error aborts it, as before).
 * Parameters are written as quoted literals of unknown type, which PostgreSQL types from their use exactly as it types
 * the untyped text parameters pg sends for `$n`; quoting is pg's own `escapeLiteral`.
 */
export class StatementBatch {
  private readonly statements: string[] = [];

  get size(): number {
    return this.statements.length;
  }

  add(sql: string, params: readonly unknown[] = []): void {
    // One pass over the statement's own text: a value that contains `$2` is never substituted again, `$10` is not `$1`.
    this.statements.push(sql.replace(/\$(\d+)/g, (_, n: string) => {
      const index = Number(n) - 1;
      if (index >= params.length) throw new RangeError(`no parameter $${n} for: ${sql}`);
      return literal(params[index]);
    }));
  }

  async run(tx: EntityManager): Promise<void> {
    if (this.statements.length === 0) return;
    await tx.query(this.text());
  }

  /** The statements as one query text (and the batch emptied). */
  text(): string {
    const text = this.statements.join(';\n');
    this.statements.length = 0;
    return text;
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a SQL literal`);
    return escapeLiteral(String(value));
  }
  return escapeLiteral(JSON.stringify(value));
}
