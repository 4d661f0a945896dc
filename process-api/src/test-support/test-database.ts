import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { withDatabase } from '../persistence/embedded-postgres';
import { createDataSource } from '../persistence/data-source';

export const TEMPLATE_DATABASE = 'werkbank_template';

export interface TestDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env['WERKBANK_TEST_PG_URL'];
  if (!url) throw new Error('WERKBANK_TEST_PG_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  return url;
}

/** A fresh, migrated database cloned from the template: real PostgreSQL, isolated per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  const dataSource = createDataSource({ url, poolSize: 10 });
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
