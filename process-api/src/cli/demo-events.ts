/**
 * `npm run demo:events -- [file] [--employers 2000] [--seed 42] [--quarter 2026-Q3]`: writes a demo quarter of
 * CloudEvents as NDJSON for the demo employers (the same deterministic employers the database seed creates).
 */
import { processIo } from './cli-io';
import { runDemoEvents } from './demo-events-command';

// exitCode rather than exit(): lets a piped stdout drain before the process ends.
process.exitCode = runDemoEvents(process.argv.slice(2), processIo);
