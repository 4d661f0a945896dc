import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoQuarter } from '../events/demo-quarter';
import { wantsHelp, type CliIo } from './cli-io';

export const DEMO_EVENTS_USAGE = `Usage: npm run demo:events -- [file] [--employers 2000] [--seed 42] [--quarter 2026-Q3]

Writes a demo quarter of CloudEvents as NDJSON (default file: demo-quarter.ndjson) for the demo employers,
the same deterministic employers the database seed creates. Send it with: npm run events -- <file>`;

const VALUED = ['--employers', '--seed', '--quarter'];

/** `npm run demo:events`: returns the exit code (0 written or help, 2 usage error). */
export function runDemoEvents(args: string[], io: CliIo): number {
  if (wantsHelp(args)) {
    io.out(DEMO_EVENTS_USAGE);
    return 0;
  }
  const options = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (VALUED.includes(arg) && args[i + 1] !== undefined) options.set(arg.slice(2), args[++i]);
    else if (arg.startsWith('-')) return usageError(io, `Unknown or incomplete option: ${arg}`);
    else files.push(arg);
  }
  const employerCount = Number(options.get('employers') ?? 2000);
  const seed = Number(options.get('seed') ?? 42);
  const quarter = options.get('quarter') ?? '2026-Q3';
  if (files.length > 1) return usageError(io, `One file only, got: ${files.join(' ')}`);
  if (!Number.isInteger(employerCount) || employerCount < 1) return usageError(io, '--employers takes a positive whole number');
  if (!Number.isInteger(seed)) return usageError(io, '--seed takes a whole number');
  if (!/^\d{4}-Q[1-4]$/.test(quarter)) return usageError(io, '--quarter takes a quarter like 2026-Q3');

  const events = generateDemoQuarter({ employerCount, seed, quarter });
  const path = resolve(io.env['INIT_CWD'] ?? process.cwd(), files[0] ?? 'demo-quarter.ndjson');
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const unique = new Set(events.map((e) => e.id)).size;
  io.out(`Wrote ${events.length} events (${events.length - unique} duplicated ids) to ${path}`);
  for (const [type, count] of [...counts].sort()) io.out(`  ${type.padEnd(20)} ${count}`);
  return 0;
}

function usageError(io: CliIo, message: string): number {
  io.err(`${message}\n`);
  io.err(DEMO_EVENTS_USAGE);
  return 2;
}
