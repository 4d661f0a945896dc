import type { MigrationInterface } from 'typeorm';
import { EventsEmployers1733000003000 } from './1733000003000-events-employers';

/** Migrations in the order they run; each file is named `<timestamp>-<what>.ts`. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [EventsEmployers1733000003000];
