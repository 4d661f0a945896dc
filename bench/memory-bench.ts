/**
 * Memory benchmark (`BENCH_ONLY=memory`): resident memory of the real API process while it works with `target` active
 * instances waiting on a timer and a message. A few hundred instances of bench-one-task are started through the
 * engine (engine-bench, product wiring), the rest are set-based copies of them (lib/clone-instances.ts). The API
 * process then runs with its scheduler and workers while it answers the task list queries, claims + completes
 * cloned tasks over HTTP (each moves its clone on to the second task) and correlates `bench.paid` messages to other
 * clones (each ends its clone); afterwards the database must show both, which proves the clones are engine state.
 * RSS from /proc every 200 ms: after start, peak, and steady (median of the idle seconds at the end).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditChainer } from '../process-api/src/persistence/audit-chainer';
import { login, startApiProcess } from './lib/api-process';
import { cloneInstances } from './lib/clone-instances';
import { load, percentile, pool } from './lib/stats';
import { benchTaskList } from './task-list-bench';

export interface MemoryBenchOptions {
  root: string;
  db: { url: string; client: Client; dataSource: DataSource };
  /** Active instances waiting at the first task, engine-started + cloned. */
  target: number;
  /** Instances the engine starts when none wait yet (engine phase skipped). */
  engineSeed: number;
  /** Tasks claimed + completed and messages correlated, each. */
  operations: number;
  log: (line: string) => void;
}

const waiting = async (client: Client) => (await client.query(`SELECT
    (SELECT count(*) FROM process_instance WHERE state = 'ACTIVE')::int AS active_instances,
    (SELECT count(*) FROM timer)::int AS timers, (SELECT count(*) FROM message_subscription)::int AS message_subscriptions`)).rows[0];

async function post(url: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

export async function benchMemory(o: MemoryBenchOptions) {
  const { client } = o.db;
  const [{ n: ready }] = (await client.query(`SELECT count(*)::int AS n FROM timer t JOIN process_instance p ON p.key = t.process_instance_key WHERE p.bpmn_process_id = 'bench-one-task'`)).rows;
  if (ready === 0) {
    o.log(`Memory: starting ${o.engineSeed} instances through the engine`);
    execFileSync(process.execPath, ['--enable-source-maps', resolve(o.root, 'dist/bench/engine-bench.mjs'), '--url', o.db.url, '--instances', String(o.engineSeed),
      '--completions', '0', '--out', resolve(o.root, 'bench/results/engine-memory-seed.json')], { stdio: 'inherit', cwd: o.root });
  }
  await AuditChainer.of(o.db.dataSource).flush(); // the sources' audit entries are in the chain before they are copied
  o.log(`Memory: cloning engine-started instances up to ${o.target.toLocaleString('en-US')} active`);
  const clone = await cloneInstances(client, o.target);
  o.log(`Memory: ${clone.engineStarted} started by the engine, ${clone.cloned} cloned in ${clone.ms} ms; linking the clones' audit entries (AuditChainer)`);
  let t = performance.now();
  await AuditChainer.of(o.db.dataSource).flush();
  const auditChainMs = Math.round(performance.now() - t);
  const atStart = await waiting(client);

  const api = await startApiProcess(o.root, o.db.url);
  const rss: Record<string, number> = { afterStart: api.rssMb() };
  let peak = rss['afterStart'];
  let samples: number[] = [];
  const sampler = setInterval(() => {
    const mb = api.rssMb();
    peak = Math.max(peak, mb);
    samples.push(mb);
  }, 200);
  const idle = async (ms: number) => {
    samples = [];
    await new Promise((r) => setTimeout(r, ms));
    return percentile(samples, 50);
  };
  try {
    rss['idleAfterStart'] = await idle(5000);
    o.log('Memory: task list queries');
    const taskList = await benchTaskList(api.baseUrl, 3, Number.POSITIVE_INFINITY);
    rss['afterTaskList'] = api.rssMb();

    const tasks: { key: string; version: number; pi: string }[] = (await client.query(
      `SELECT key::text, version, process_instance_key::text AS pi FROM user_task
        WHERE key >= $1 AND element_id = 'Activity_First' AND state = 'CREATED' AND assignee IS NULL ORDER BY md5(key::text) LIMIT $2`,
      [clone.firstCloneKey, o.operations])).rows;
    const users = Array.from({ length: 20 }, (_, i) => `bench${String(i + 1).padStart(3, '0')}`);
    const tokens = new Map<string, string>();
    for (const u of [...users, 'designer1']) tokens.set(u, await login(api.baseUrl, u));
    o.log(`Memory: claim + complete ${tasks.length} cloned tasks over HTTP`);
    const statuses: Record<string, number> = {};
    const count = (s: string) => (statuses[s] = (statuses[s] ?? 0) + 1);
    t = performance.now();
    await pool(tasks, 8, async (task, i) => {
      const token = tokens.get(users[i % users.length]) as string;
      const claimed = await post(`${api.baseUrl}/api/tasks/${task.key}/claim`, token, { version: task.version });
      count(`claim ${claimed.status}`);
      if (claimed.status !== 200) return;
      const done = await post(`${api.baseUrl}/api/tasks/${task.key}/complete`, token, { version: claimed.json['version'], variables: {} });
      count(`complete ${done.status}`);
    });
    const claimCompleteMs = Math.round(performance.now() - t);
    rss['afterClaimComplete'] = api.rssMb();

    const claimedInstances = tasks.map((x) => x.pi);
    const paid: { pi: string; en: string }[] = (await client.query(
      `SELECT process_instance_key::text AS pi, correlation_key AS en FROM message_subscription
        WHERE process_instance_key >= $1 AND message_name = 'bench.paid' AND NOT (process_instance_key::text = ANY($2)) ORDER BY md5(key::text) LIMIT $3`,
      [clone.firstCloneKey, claimedInstances, o.operations])).rows;
    o.log(`Memory: ${paid.length} bench.paid messages to cloned instances (POST /v2/messages/publication)`);
    t = performance.now();
    await pool(paid, 8, async (m) => {
      const res = await post(`${api.baseUrl}/v2/messages/publication`, tokens.get('designer1') as string, { name: 'bench.paid', correlationKey: m.en, timeToLive: 0 });
      count(`message ${res.status}`);
    });
    const messagesMs = Math.round(performance.now() - t);
    rss['afterMessages'] = api.rssMb();
    rss['steady'] = await idle(10_000);
    clearInterval(sampler);

    const [proof] = (await client.query(`SELECT
        (SELECT count(*) FROM user_task WHERE element_id = 'Activity_Second' AND state = 'CREATED' AND process_instance_key::text = ANY($1))::int AS completed_moved_to_second_task,
        (SELECT count(*) FROM process_instance WHERE state = 'COMPLETED' AND key::text = ANY($2))::int AS paid_instances_completed,
        (SELECT count(*) FROM timer WHERE process_instance_key::text = ANY($1) OR process_instance_key::text = ANY($2))::int AS timers_left_on_them`,
    [claimedInstances, paid.map((m) => m.pi)])).rows;
    return {
      engineStarted: clone.engineStarted, cloned: clone.cloned, cloneMs: clone.ms, clonedRows: clone.rows, auditChainMs, waitingAtStart: atStart,
      rssMb: { ...rss, peak }, taskList: { overall: taskList.overall },
      claimComplete: { tasks: tasks.length, ms: claimCompleteMs }, messages: { sent: paid.length, ms: messagesMs }, statuses, proof,
      waitingAtEnd: await waiting(client), load: load(),
    };
  } finally {
    clearInterval(sampler);
    await api.stop();
  }
}
