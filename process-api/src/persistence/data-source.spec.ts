import { createTestDatabase, type TestDatabase } from '../test-support/test-database';

describe('createDataSource', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should connect to a real, migrated PostgreSQL database', async () => {
    // given a database cloned from the migrated template
    // when asking the server who it is
    const [row] = await db.dataSource.query(`SELECT current_setting('server_version_num')::int AS version, to_regclass('schema_migration') AS migrations`);
    // then it is PostgreSQL 18 with the migrations table in place
    expect(row.version).toBeGreaterThanOrEqual(180000);
    expect(row.migrations).toBe('schema_migration');
  });
});
