/**
 * Micro benchmark of the perf work (bench/README.md, "Engine and router throughput (perf work)"): instances of a
 * one-task process started to their first user task, then user-task completions moving each on to a second task,
 * through the ProcessEngine port with the product's wiring (createWerkbank: case + audit projections, workers),
 * on a fresh embedded PostgreSQL. Counts the statements per command (every pg query call) and prints the most
 * frequent ones, so that each change can be measured against the round trips it saves.
 *   node bench/perf-build.mjs && node dist/bench/perf-engine.mjs --instances 2000 --completions 1000 [--cpu-profile f]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { AuditLogRepository } from '../process-api/src/persistence/audit-log.repository';
import { createDataSource } from '../process-api/src/persistence/data-source';
import { startEmbeddedPostgres, withDatabase } from '../process-api/src/persistence/embedded-postgres';
import { seedDemoEmployers } from '../process-api/src/persistence/seed-demo-employers';
import { seedDemoUsers } from '../process-api/src/persistence/seed-demo-users';
import { createWerkbank } from '../process-api/src/werkbank';

const ROOT = process.cwd();
const { values: args } = parseArgs({
  options: {
    instances: { type: 'string', default: '2000' },
    completions: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    /** Group commit: commands per transaction at most (1: one transaction per command) and transactions at a time. */
    'batch-commands': { type: 'string', default: '64' },
    'batch-concurrency': { type: 'string', default: '3' },
    'cpu-profile': { type: 'string' },
    'top-statements': { type: 'string', default: '0' },
    /** pg_stat_statements (with planning time) for the measured phases: the server's own cost per statement. */
    'pg-stats': { type: 'boolean', default: false },
  },
});

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="x">
  <bpmn:process id="perf-one-task" name="Perf one task" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="First" name="First task">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="recovery-agents" />
        <zeebe:taskSchedule dueDate="=string(now() + duration(&quot;P14D&quot;))" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Overdue" attachedToRef="First"><bpmn:outgoing>F3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Paid" attachedToRef="First"><bpmn:outgoing>F4</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="Big" default="F6"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing><bpmn:outgoing>F6</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="Second" name="Second task">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="recovery-agents" /></bpmn:extensionElements>
      <bpmn:incoming>F5</bpmn:incoming><bpmn:incoming>F6</bpmn:incoming><bpmn:outgoing>F7</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F7</bpmn:incoming><bpmn:incoming>F3</bpmn:incoming><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="First" />
    <bpmn:sequenceFlow id="F2" sourceRef="First" targetRef="Big" />
    <bpmn:sequenceFlow id="F5" sourceRef="Big" targetRef="Second"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amountDueCents &gt; 1000000</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F6" sourceRef="Big" targetRef="Second" />
    <bpmn:sequenceFlow id="F7" sourceRef="Second" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="Overdue" targetRef="End" />
    <bpmn:sequenceFlow id="F4" sourceRef="Paid" targetRef="End" />
  </bpmn:process>
  <bpmn:message id="M" name="perf.paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=enterpriseNumber" /></bpmn:extensionElements></bpmn:message>
</bpmn:definitions>`;

let statements = 0;
let transactions = 0;
const texts = new Map<string, number>();
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  const sql = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string })?.text ?? '?');
  const head = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
  texts.set(head, (texts.get(head) ?? 0) + 1);
  if (/^(START TRANSACTION|BEGIN)\b/i.test(head)) transactions++;
  return (originalQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof originalQuery;

/** CPU seconds of the PostgreSQL server under `dataDir` (postmaster, its backends, and children that ended). */
function postgresCpuSeconds(dataDir: string): number {
  const stat = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
  let postmaster = '';
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir) && !postmaster) postmaster = pid;
    } catch { /* gone */ }
  }
  if (!postmaster) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const f = stat(pid);
      // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
      if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / 100;
}

function cpu(dataDir: string) {
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1e6, pg: postgresCpuSeconds(dataDir) };
}

const cpuPer = (a: { node: number; pg: number }, b: { node: number; pg: number }, n: number) =>
  `CPU per command: node ${(((b.node - a.node) * 1000) / n).toFixed(2)} ms + postgres ${(((b.pg - a.pg) * 1000) / n).toFixed(2)} ms`;

async function pool<T>(items: T[], concurrency: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  }));
}

function topStatements(per: number): void {
  const n = Number(args['top-statements']);
  if (!n) return;
  for (const [sql, count] of [...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${(count / per).toFixed(2)}  ${sql}`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'werkbank-perf-'));
  let server = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: 0 });
  if (args['pg-stats']) {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await c.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
    await c.end();
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: 0 });
  }
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE werkbank_perf');
  await admin.end();
  const dataSource = createDataSource({ url: withDatabase(server.url, 'werkbank_perf') });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await seedDemoUsers(dataSource, 'bench');
    await seedDemoEmployers(dataSource, { count: 2000 });
    const werkbank = await createWerkbank({
      dataSource, modelsDir: resolve(ROOT, 'bpmn-models'), uiDir: '/nonexistent', production: false, controllableClock: true,
      codeListsDir: resolve(ROOT, 'process-api/data'),
      batching: { maxCommands: Number(args['batch-commands']), concurrency: Number(args['batch-concurrency']) },
    });
    const { engine } = werkbank;
    await engine.deploy([{ name: 'perf-one-task.bpmn', content: MODEL }]);
    const employers: { enterprise_number: string; name: string }[] = await dataSource.query(`SELECT enterprise_number, name FROM employer ORDER BY enterprise_number`);
    const n = Number(args.instances);
    const concurrency = Number(args.concurrency);
    const profiler = args['cpu-profile'] ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    if (args['pg-stats']) {
      await dataSource.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
      await dataSource.query(`SELECT pg_stat_statements_reset()`);
    }
    const load0 = loadavg()[0];
    texts.clear();
    let s0 = statements;
    let x0 = transactions;
    let b0 = werkbank.engine.batchStats();
    const batching = () => {
      const b = werkbank.engine.batchStats();
      const line = `engine: ${((b.commands - b0.commands) / Math.max(1, b.batches - b0.batches)).toFixed(1)} commands/batch, ${b.rerunBatches - b0.rerunBatches} batches re-run alone`;
      b0 = b;
      return line;
    };
    let elu = performance.eventLoopUtilization();
    let c0 = cpu(dataDir);
    let t = performance.now();
    await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
      const e = employers[i % employers.length];
      await engine.createInstance('perf-one-task', { enterpriseNumber: e.enterprise_number, employerName: e.name, amountDueCents: 100_000 + i });
    });
    const startMs = performance.now() - t;
    const startElu = performance.eventLoopUtilization(elu).utilization;
    const startStatements = (statements - s0) / n;
    console.log(`start: ${n} instances in ${Math.round(startMs)} ms = ${Math.round((n * 1000) / startMs)}/s, ${startStatements.toFixed(1)} statements/instance, ${(n / Math.max(1, transactions - x0)).toFixed(1)} commands/transaction (${batching()}), event loop ${Math.round(startElu * 100)} %; ${cpuPer(c0, cpu(dataDir), n)}`);
    topStatements(n);

    const keys: { key: string }[] = await dataSource.query(
      `SELECT key::text AS key FROM user_task WHERE bpmn_process_id = 'perf-one-task' AND element_id = 'First' AND state = 'CREATED' ORDER BY key LIMIT $1`, [Number(args.completions)]);
    texts.clear();
    s0 = statements;
    x0 = transactions;
    elu = performance.eventLoopUtilization();
    c0 = cpu(dataDir);
    t = performance.now();
    await pool(keys, concurrency, async ({ key }) => {
      await engine.completeUserTask(key, { outcome: 'done' }, { actor: 'agent1' });
    });
    const completeMs = performance.now() - t;
    const completeElu = performance.eventLoopUtilization(elu).utilization;
    const completeStatements = (statements - s0) / keys.length;
    console.log(`complete: ${keys.length} in ${Math.round(completeMs)} ms = ${Math.round((keys.length * 1000) / completeMs)}/s, ${completeStatements.toFixed(1)} statements/completion, ${(keys.length / Math.max(1, transactions - x0)).toFixed(1)} commands/transaction (${batching()}), event loop ${Math.round(completeElu * 100)} %; ${cpuPer(c0, cpu(dataDir), keys.length)}`);
    topStatements(keys.length);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(resolve(args['cpu-profile'] as string), JSON.stringify(profile));
      profiler.disconnect();
    }
    if (args['pg-stats']) {
      const rows: { q: string; calls: string; plan: number; exec: number }[] = await dataSource.query(
        `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 80) AS q, calls::text, round(total_plan_time::numeric, 0)::float AS plan, round(total_exec_time::numeric, 0)::float AS exec
           FROM pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT 18`);
      const n2 = n + keys.length;
      console.log('pg_stat_statements (ms per command, plan + exec, both phases):');
      for (const r of rows) console.log(`  ${(r.plan / n2).toFixed(3)} + ${(r.exec / n2).toFixed(3)}  ${r.calls.padStart(6)}  ${r.q}`);
    }
    const [check] = await dataSource.query(`SELECT (SELECT count(*) FROM user_task WHERE element_id = 'Second' AND state = 'CREATED')::int AS second,
      (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM work_case WHERE bpmn_process_id = 'perf-one-task')::int AS cases`);
    const verified = await new AuditLogRepository(dataSource).verify();
    console.log(`check: ${JSON.stringify(check)} audit chain ${JSON.stringify(verified)}; load ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
    await werkbank.stop();
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
