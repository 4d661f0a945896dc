import type { MigrationInterface } from 'typeorm';
import { Engine1733000001000 } from './1733000001000-engine';

/** Migrations in the order they run; each file is named `<timestamp>-<what>.ts`. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Engine1733000001000];
