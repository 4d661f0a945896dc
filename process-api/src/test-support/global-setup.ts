import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../persistence/embedded-postgres';
import { createDataSource } from '../persistence/data-source';
import { TEMPLATE_DATABASE } from './test-database';

/** One embedded PostgreSQL per test run; a migrated template database that every test file clones. */
export default async function globalSetup(): Promise<void> {
  // The office is in Brussels: run the tests in its zone so that code reading times in the machine's zone shows up.
  process.env['TZ'] = 'Europe/Brussels';
  const dataDir = resolve(__dirname, '../../../tmp/test-postgres');
  rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({ dataDir, port: 0 });
  (globalThis as { __WERKBANK_TEST_DB__?: unknown }).__WERKBANK_TEST_DB__ = db;
  process.env['WERKBANK_TEST_PG_URL'] = db.url;
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const dataSource = createDataSource({ url: withDatabase(db.url, TEMPLATE_DATABASE), poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
