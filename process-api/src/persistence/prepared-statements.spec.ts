import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { prepared, preparedName } from './prepared-statements';

describe('prepared statements', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  /** The statements prepared on the connection of one query runner, after the given queries ran on it. */
  const preparedAfter = async (queries: [string, unknown[]][]) => {
    const runner = db.dataSource.createQueryRunner();
    try {
      const results = [];
      for (const [sql, params] of queries) results.push(await runner.query(sql, params));
      const statements: { statement: string }[] = await runner.query(`SELECT statement FROM pg_prepared_statements`);
      return { results, statements: statements.map((s) => s.statement) };
    } finally {
      await runner.release();
    }
  };

  it('should prepare a marked statement once per connection and give the same answers', async () => {
    // given a marked statement with a parameter
    const sql = prepared(`SELECT $1::int + 1 AS answer /* spec: marked */`);
    // when it runs three times on one connection
    const { results, statements } = await preparedAfter([[sql, [1]], [sql, [41]], [sql, [-1]]]);
    // then each run answers for its own parameter and the server holds one prepared statement for it
    expect(results.map(([row]) => row.answer)).toEqual([2, 42, 0]);
    expect(statements.filter((s) => s.includes('spec: marked'))).toHaveLength(1);
  });

  it('should leave statements without the mark unnamed (the task list keeps custom plans)', async () => {
    const { statements } = await preparedAfter([[`SELECT $1::int AS answer /* spec: unmarked */`, [1]]]);
    expect(statements.filter((s) => s.includes('spec: unmarked'))).toEqual([]);
  });

  it('should name equal texts alike and different texts differently', () => {
    const a = prepared('SELECT 1 /* a */');
    expect(preparedName(a)).toBe(preparedName(prepared('SELECT 1 /* a */')));
    expect(preparedName(a)).not.toBe(preparedName(prepared('SELECT 1 /* b */')));
    expect(preparedName('SELECT 1 /* a */')).toBeNull();
  });
});
