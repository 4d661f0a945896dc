/**
 * `npm run demo:events -- [file] [--employers 2000] [--seed 42] [--quarter 2026-Q3]`: writes a demo quarter of
 * CloudEvents as NDJSON for the demo employers (the same deterministic employers the database seed creates).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoQuarter } from '../events/demo-quarter';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const valued = new Set(['--employers', '--seed', '--quarter']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? '')) ?? 'demo-quarter.ndjson';
  const events = generateDemoQuarter({
    employerCount: Number(option(args, 'employers') ?? 2000),
    seed: Number(option(args, 'seed') ?? 42),
    quarter: option(args, 'quarter') ?? '2026-Q3',
  });
  const path = resolve(process.env['INIT_CWD'] ?? process.cwd(), file);
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const unique = new Set(events.map((e) => e.id)).size;
  console.log(`Wrote ${events.length} events (${events.length - unique} duplicated ids) to ${path}`);
  for (const [type, count] of [...counts].sort()) console.log(`  ${type.padEnd(20)} ${count}`);
}

main();
