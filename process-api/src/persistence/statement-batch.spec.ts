import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { StatementBatch } from './statement-batch';

describe('StatementBatch', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query(`CREATE TABLE batch_probe (n int, t text, at timestamptz, j jsonb, c numeric(15,2), b boolean)`);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should run its statements in order in the caller transaction, values as typed parameters would be', async () => {
    // given values that look like SQL, placeholders and quotes
    const nasty = `it's $2 \\ '); DROP TABLE batch_probe; --`;
    const at = new Date('2026-03-01T10:00:00.123Z');
    // when they are written through one batch, then updated by a later statement of the same batch
    await db.dataSource.transaction(async (tx) => {
      const batch = new StatementBatch();
      batch.add(`INSERT INTO batch_probe (n, t, at, j, c, b) VALUES ($1, $2, $3, $4, $5, $6)`, [1, nasty, at, { a: [1, 'x'] }, '1234.50', true]);
      batch.add(`INSERT INTO batch_probe (n, t) VALUES ($1, $2)`, [2, null]);
      batch.add(`UPDATE batch_probe SET n = n + $1 WHERE n = $2`, [10, 1]);
      expect(batch.size).toBe(3);
      await batch.run(tx);
      expect(batch.size).toBe(0);
    });
    // then every value arrived intact and the statements ran in order
    const rows = await db.dataSource.query(`SELECT n, t, at, j, c::text, b FROM batch_probe ORDER BY n`);
    expect(rows).toEqual([
      { n: 2, t: null, at: null, j: null, c: null, b: null },
      { n: 11, t: nasty, at, j: { a: [1, 'x'] }, c: '1234.50', b: true },
    ]);
  });

  it('should tell $1 from $10 and refuse a missing parameter', async () => {
    // given a statement with ten parameters
    const batch = new StatementBatch();
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    // when it is added, then each placeholder takes its own value
    batch.add(`INSERT INTO batch_probe (t) VALUES ($10 || $1)`, params);
    await db.dataSource.transaction((tx) => batch.run(tx));
    expect(await db.dataSource.query(`SELECT t FROM batch_probe WHERE t LIKE 'v10%'`)).toEqual([{ t: 'v10v1' }]);
    expect(() => batch.add(`SELECT $2`, ['only one'])).toThrow(RangeError);
  });

  it('should roll back with its transaction when a statement fails', async () => {
    // given a batch whose second statement fails
    const batch = new StatementBatch();
    batch.add(`INSERT INTO batch_probe (n) VALUES ($1)`, [99]);
    batch.add(`INSERT INTO batch_probe (n) VALUES ($1)`, ['not a number']);
    // when it runs, then the transaction fails and the first insert is gone too
    await expect(db.dataSource.transaction((tx) => batch.run(tx))).rejects.toThrow();
    expect(await db.dataSource.query(`SELECT n FROM batch_probe WHERE n = 99`)).toEqual([]);
  });
});
