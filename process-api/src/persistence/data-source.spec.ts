import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningPostmaster } from './embedded-postgres';
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

describe('runningPostmaster', () => {
  it('should name a live postmaster of a data folder and ignore stale or foreign pid files', () => {
    // given data folders whose postmaster.pid names this test process (not postgres), a dead pid, or nothing
    const dir = mkdtempSync(join(tmpdir(), 'wb-pid-'));
    // when / then
    expect(runningPostmaster(dir)).toBeNull();
    writeFileSync(join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n`);
    expect(runningPostmaster(dir)).toBeNull();
    writeFileSync(join(dir, 'postmaster.pid'), `999999999\n`);
    expect(runningPostmaster(dir)).toBeNull();
    rmSync(dir, { recursive: true });
  });

  it('should name the running embedded server of the test run', async () => {
    // given the test run's embedded PostgreSQL (data folder tmp/test-postgres)
    const dataDir = join(__dirname, '../../../tmp/test-postgres');
    // when asking whether a postmaster runs there / then it names a live postgres process
    expect(runningPostmaster(dataDir)).toEqual(expect.any(Number));
  });
});
