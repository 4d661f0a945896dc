import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PreparingClient } from './prepared-statements';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
}

/** The one TypeORM data source of the API. Schema changes go through migrations only, never `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    // Passing the driver keeps bundlers from dropping `pg` (see STACK.md).
    driver: pg,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    // a database that does not answer fails a request after 5 s (503) instead of holding it forever;
    // the engine's per-command statements are prepared once per connection (prepared-statements.ts)
    extra: { max: options.poolSize ?? 20, connectionTimeoutMillis: 5000, Client: PreparingClient },
  });
}
