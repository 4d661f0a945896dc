import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../process-api/src/persistence/data-source';
import { startEmbeddedPostgres, withDatabase } from '../../process-api/src/persistence/embedded-postgres';

export interface BenchDatabase {
  url: string;
  dataSource: DataSource;
  client: Client;
  stop(keep?: boolean): Promise<void>;
}

/** A fresh embedded PostgreSQL in a temporary folder, migrated like production (deleted on stop). */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'werkbank-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: 0 });
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query('CREATE DATABASE werkbank_bench');
  await admin.end();
  const url = withDatabase(pg.url, 'werkbank_bench');
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    url, dataSource, client,
    async stop(keep = false) {
      await client.end().catch(() => undefined);
      if (dataSource.isInitialized) await dataSource.destroy();
      await pg.stop();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
