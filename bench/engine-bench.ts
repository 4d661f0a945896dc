/**
 * Engine benchmark (child process of the suite, run under `node --cpu-prof`): instances of bench-one-task started
 * through the ProcessEngine port and driven to their first user task (which waits on a timer and a message), then
 * user-task completions, each moving its instance on to the second user task. Real engine, real PostgreSQL, the
 * product's wiring (createWerkbank: projections, audit, workers). Writes its result as JSON to --out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDataSource } from '../process-api/src/persistence/data-source';
import { createWerkbank } from '../process-api/src/werkbank';
import { load, perSecond, pool } from './lib/stats';

const ROOT = process.cwd();
const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    instances: { type: 'string', default: '2000' },
    completions: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    out: { type: 'string' },
  },
});
// Counts the statements the product sends (every pg query call): what bounds a command when the process waits on PostgreSQL.
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  return (originalQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof originalQuery;
const commits = async (ds: { query(sql: string): Promise<{ n: number }[]> }) =>
  Number((await ds.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n);
const micros = () => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  const dataSource = createDataSource({ url: args.url as string });
  await dataSource.initialize();
  const werkbank = await createWerkbank({
    dataSource, modelsDir: resolve(ROOT, 'bpmn-models'), uiDir: '/nonexistent', production: false, controllableClock: true,
    codeListsDir: resolve(ROOT, 'process-api/data'),
  });
  const { engine } = werkbank;
  await engine.deploy([{ name: 'bench-one-task.bpmn', content: readFileSync(resolve(ROOT, 'bench/models/bench-one-task.bpmn'), 'utf8') }]);
  const employers: { enterprise_number: string; name: string }[] = await dataSource.query(`SELECT enterprise_number, name FROM employer ORDER BY enterprise_number LIMIT 5000`);
  const n = Number(args.instances);
  const concurrency = Number(args.concurrency);

  let s0 = statements;
  let c0 = await commits(dataSource);
  const startWindow = { from: micros(), to: 0 };
  let t = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
    const e = employers[i % employers.length];
    await engine.createInstance('bench-one-task', { enterpriseNumber: e.enterprise_number, employerName: e.name, amountDueCents: 100_000 + i });
  });
  const startMs = performance.now() - t;
  startWindow.to = micros();
  const startStatements = (statements - s0 - 1) / n;
  const startCommits = ((await commits(dataSource)) - c0 - 1) / n;
  const startLoad = load();
  const [{ open }] = await dataSource.query(`SELECT count(*)::int AS open FROM user_task WHERE bpmn_process_id = 'bench-one-task' AND element_id = 'Activity_First' AND state = 'CREATED'`);

  const keys: { key: string }[] = await dataSource.query(
    `SELECT key::text AS key FROM user_task WHERE bpmn_process_id = 'bench-one-task' AND state = 'CREATED' ORDER BY key LIMIT $1`, [Number(args.completions)]);
  s0 = statements;
  c0 = await commits(dataSource);
  const completeWindow = { from: micros(), to: 0 };
  t = performance.now();
  await pool(keys, concurrency, async ({ key }) => {
    await engine.completeUserTask(key, { outcome: 'done' }, { actor: 'agent1' });
  });
  const completeMs = performance.now() - t;
  completeWindow.to = micros();
  const completeStatements = (statements - s0 - 1) / Math.max(keys.length, 1);
  const completeCommits = ((await commits(dataSource)) - c0 - 1) / Math.max(keys.length, 1);
  const completeLoad = load();
  const [{ second }] = await dataSource.query(`SELECT count(*)::int AS second FROM user_task WHERE bpmn_process_id = 'bench-one-task' AND element_id = 'Activity_Second' AND state = 'CREATED'`);
  const [waits] = await dataSource.query(`SELECT (SELECT count(*) FROM timer)::int AS timers, (SELECT count(*) FROM message_subscription)::int AS subscriptions,
      (SELECT count(*) FROM process_instance WHERE state = 'ACTIVE')::int AS active`);
  await werkbank.stop();
  await dataSource.destroy();
  const result = {
    concurrency,
    start: { instances: n, ms: Math.round(startMs), perSecond: perSecond(n, startMs), firstTasksOpen: open, statementsPerInstance: Number(startStatements.toFixed(1)), commitsPerInstance: Number(startCommits.toFixed(2)), load: startLoad, window: startWindow },
    complete: { completions: keys.length, ms: Math.round(completeMs), perSecond: perSecond(keys.length, completeMs), secondTasksOpen: second, statementsPerCompletion: Number(completeStatements.toFixed(1)), commitsPerCompletion: Number(completeCommits.toFixed(2)), load: completeLoad, window: completeWindow },
    waiting: waits,
  };
  writeFileSync(args.out as string, JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
