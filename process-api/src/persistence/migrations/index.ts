import type { MigrationInterface } from 'typeorm';

/** Migrations in the order they run; each file is named `<timestamp>-<what>.ts`. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [];
