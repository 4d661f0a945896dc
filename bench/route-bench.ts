/**
 * Benchmark: event intake (HTTP POST /api/events batches through the real server) and routing of a generated
 * quarter until no event is RECEIVED, against a fresh embedded PostgreSQL, with the raw commit rate of that same
 * PostgreSQL as the physical reference. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBenchDatabase } from './lib/database';
import { measurePostgres } from './lib/pg-reference';
import { perSecond } from './lib/stats';
import { generateDemoQuarter } from '../process-api/src/events/demo-quarter';
import { sendEvents } from '../process-api/src/events/event-sender';
import { seedDemoEmployers } from '../process-api/src/persistence/seed-demo-employers';
import { seedDemoUsers } from '../process-api/src/persistence/seed-demo-users';
import { createWerkbank } from '../process-api/src/werkbank';

// npm runs scripts from the repository root.
const ROOT = process.cwd();
const PASSWORD = 'bench';

const { values: args } = parseArgs({
  options: {
    employers: { type: 'string', default: '2000' },
    quarters: { type: 'string', default: '1' },
    batch: { type: 'string', default: '500' },
    'commit-samples': { type: 'string', default: '500' },
    /** Share of events sent a second time (same id, later batch): they must be ignored, not routed twice. */
    duplicates: { type: 'string', default: '0.01' },
    /** Where to write the result JSON (default bench/results/route-<timestamp>.json). */
    out: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of the intake + routing phase (open it in Chrome DevTools). */
    'cpu-profile': { type: 'string' },
    /** Prints the most frequent statements (first 100 characters) of the measured phase. */
    'top-statements': { type: 'boolean', default: false },
  },
});
const employers = Number(args.employers);
const quarterCount = Number(args.quarters);

/** Every statement the process sends (intake, routing and the engine's jobs), and the transactions among them. */
let statements = 0;
let transactions = 0;
const texts = new Map<string, number>();
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  const sql = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string })?.text ?? '?');
  if (/^\s*(START TRANSACTION|BEGIN)\b/i.test(sql)) transactions++;
  if (args['top-statements']) {
    const head = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
    texts.set(head, (texts.get(head) ?? 0) + 1);
  }
  return (originalQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof originalQuery;

async function statusCounts(query: (sql: string) => Promise<{ status: string; n: number }[]>) {
  const rows = await query(`SELECT status, count(*)::int AS n FROM inbound_event GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log('Starting embedded PostgreSQL in a temporary folder ...');
  const database = await startBenchDatabase();
  const { url, dataSource } = database;
  try {
    const postgres = await measurePostgres(url, Number(args['commit-samples']));

    await seedDemoUsers(dataSource, PASSWORD);
    await seedDemoEmployers(dataSource, { count: employers });
    const werkbank = await createWerkbank({
      dataSource, modelsDir: resolve(ROOT, 'bpmn-models'), uiDir: '/nonexistent', production: false, controllableClock: true,
      codeListsDir: resolve(ROOT, 'process-api/data'),
    });
    const server: Server = await new Promise((r) => {
      const s = werkbank.app.listen(0, '127.0.0.1', () => r(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const quarters = Array.from({ length: quarterCount }, (_, i) => `${2026 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
    const unique = quarters.flatMap((quarter) => generateDemoQuarter({ employerCount: employers, seed: 42, quarter }));
    // Every (1/share)-th event again, ~a tenth of the stream later: a retry from the source system.
    const every = Number(args.duplicates) > 0 ? Math.round(1 / Number(args.duplicates)) : 0;
    const events = every ? unique.flatMap((e, i) => {
      const replay = i >= Math.ceil(unique.length / 10) && (i % every) === 0 ? [unique[i - Math.ceil(unique.length / 10)]] : [];
      return [e, ...replay];
    }) : unique;
    console.log(`Setup ${((performance.now() - started) / 1000).toFixed(1)} s; sending ${events.length} events for ${employers} employers (${quarters.join(', ')}) ...`);

    // Intake and routing run as in production: the router wakes after every accepted batch.
    const profiler = args['cpu-profile'] ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const elu0 = performance.eventLoopUtilization();
    const [statements0, transactions0] = [statements, transactions];
    texts.clear();
    const t0 = performance.now();
    const sent = await sendEvents(events, { baseUrl, username: 'admin', password: PASSWORD, batchSize: Number(args.batch) });
    const intakeMs = performance.now() - t0;
    const query = (sql: string) => dataSource.query(sql);
    const pendingAfterIntake = (await statusCounts(query))['RECEIVED'] ?? 0;
    for (;;) {
      const counts = await statusCounts(query);
      if (!counts['RECEIVED']) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const routedMs = performance.now() - t0;
    // How busy this Node process was meanwhile (1 = CPU-bound on the API side, low = waiting for PostgreSQL).
    const eventLoopUtilization = Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2));
    const sql = { statementsPerEvent: Number(((statements - statements0) / Math.max(1, sent.accepted)).toFixed(1)), transactionsPerEvent: Number(((transactions - transactions0) / Math.max(1, sent.accepted)).toFixed(2)) };
    const statuses = await statusCounts(query);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(resolve(args['cpu-profile'] as string), JSON.stringify(profile));
      profiler.disconnect();
    }
    // The engine work the events started (service-task jobs) continues after routing; measured apart.
    const t1 = performance.now();
    await werkbank.engine.runDueWork();
    const engineSettleMs = performance.now() - t1;
    await new Promise<void>((r) => server.close(() => r()));
    await werkbank.stop();

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      input: { employers, quarters, events: events.length, uniqueEvents: unique.length, accepted: sent.accepted, duplicates: sent.duplicates, batchSize: Number(args.batch) },
      postgres,
      intake: { ms: Math.round(intakeMs), eventsPerSecond: perSecond(sent.accepted, intakeMs), stillReceivedAfterIntake: pendingAfterIntake },
      routing: { ms: Math.round(routedMs), eventsPerSecond: perSecond(sent.accepted, routedMs), statuses, eventLoopUtilization, ...sql },
      engineSettleMs: Math.round(engineSettleMs),
    };
    const dir = resolve(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = args.out ? resolve(args.out) : resolve(dir, `route-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.table({
      'PostgreSQL round trip': { value: `${postgres.roundTripMs} ms`, rate: '' },
      'PostgreSQL commit (1 client)': { value: `${postgres.commitMs} ms`, rate: `${postgres.commitsPerSecond} commits/s` },
      'PostgreSQL commits (6 clients)': { value: '', rate: `${postgres.commitsPerSecond6Clients} commits/s` },
      'Intake (HTTP POST batches)': { value: `${result.intake.ms} ms`, rate: `${result.intake.eventsPerSecond} events/s` },
      'Ingested + routed (none RECEIVED)': { value: `${result.routing.ms} ms`, rate: `${result.routing.eventsPerSecond} events/s` },
      'SQL statements / transactions per event': { value: `${sql.statementsPerEvent} / ${sql.transactionsPerEvent}`, rate: '' },
      'Node event loop busy (intake + routing)': { value: `${Math.round(eventLoopUtilization * 100)} %`, rate: '' },
      'Engine jobs settled afterwards': { value: `${result.engineSettleMs} ms`, rate: '' },
    });
    console.log(`Statuses: ${JSON.stringify(statuses)}; ${pendingAfterIntake} still RECEIVED when intake ended`);
    if (args['top-statements']) {
      for (const [text, n] of [...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(n).padStart(7), text);
    }
    console.log(`Result: ${file}`);
  } finally {
    await database.stop(Boolean(args['keep-data']));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
