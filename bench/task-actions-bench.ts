/**
 * Claim / complete / assign under 100 concurrent users (autocannon, 100 connections) against the real API process,
 * on tasks the real engine created (bench-one-task). Every 10th claim deliberately goes for a task another user
 * was just given: the expected 409 (version conflict / already claimed). Any other non-2xx is an error.
 */
import autocannon from 'autocannon';
import type { Client } from 'pg';
import { login } from './lib/api-process';
import { load, percentile, pool } from './lib/stats';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 100);
/**
 * Requests per second each user sends in the paced run: 1 means every user claims and completes a task every 2 seconds,
 * far busier than an agent who reads a case and fills in a form between the two. The saturation run sends without pause.
 */
const USER_RATE = Number(process.env['BENCH_USER_RATE'] ?? 1);

interface OpenTask { key: string; version: number }

/** Latencies per kind, measured from setupRequest (just before the request is written) to onResponse. */
const samples: Record<string, number[]> = { claim: [], complete: [], assign: [] };
const startedAt = new WeakMap<object, number>();

/**
 * `withoutTask`: requests autocannon still sent after the tasks were used up (to a path the API does not serve, so
 * they answer 404 without touching any task); they are reported apart, not as errors of the API.
 */
function summarise(result: autocannon.Result, kinds: string[], withoutTask = 0) {
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  if (withoutTask > 0) codes['404'] = Number(codes['404'] ?? 0) - withoutTask;
  const unexpected = Object.entries(codes).filter(([code]) => !code.startsWith('2') && code !== '409').reduce((n, [, c]) => n + Number(c), 0);
  const all = kinds.flatMap((k) => samples[k]);
  return {
    requests: result.requests.total, perSecond: Math.round(result.requests.average),
    p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99),
    byKind: Object.fromEntries(kinds.map((k) => [k, { n: samples[k].length, p50: percentile(samples[k], 50), p95: percentile(samples[k], 95), p99: percentile(samples[k], 99) }])),
    statusCodes: codes, expected409: Number(codes['409'] ?? 0), errors: unexpected + result.errors + result.timeouts, sentAfterTasksRanOut: withoutTask, load: load(),
  };
}

const stamp = (context: object) => startedAt.set(context, performance.now());
const measure = (kind: string, context: object) => {
  const t = startedAt.get(context);
  if (t !== undefined) samples[kind].push(performance.now() - t);
};

export async function benchTaskActions(baseUrl: string, client: Client, agents: number, durationSeconds: number) {
  const users = Array.from({ length: agents }, (_, i) => `bench${String(i + 1).padStart(3, '0')}`);
  const tokens = new Map<string, string>();
  await pool([...users, 'lead1', 'lead2'], 4, async (u) => {
    tokens.set(u, await login(baseUrl, u));
  });
  const open: OpenTask[] = (await client.query(
    `SELECT key::text AS key, version FROM user_task WHERE bpmn_process_id = 'bench-one-task' AND state = 'CREATED' AND assignee IS NULL ORDER BY key`)).rows;
  const tasks = open.slice(0, Math.floor(open.length / 2));
  const toAssign = open.slice(tasks.length);

  // Warm-up, one request at a time: a cold API process deadlocks under a burst of concurrent claims (every open
  // transaction waits for the process graph, which the engine loads through a second pool connection; see README).
  const warm = open[open.length - 1];
  if (warm) {
    const h = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('lead1')}` };
    const claimed = await fetch(`${baseUrl}/api/tasks/${warm.key}/claim`, { method: 'POST', headers: h, body: JSON.stringify({ version: warm.version }) });
    const { version } = (await claimed.json()) as { version: number };
    await fetch(`${baseUrl}/api/tasks/${warm.key}/unclaim`, { method: 'POST', headers: h, body: JSON.stringify({ version }) });
    open.pop();
  }
  // What the API's PostgreSQL sessions do meanwhile (sampled every second): lock waits show a serialisation point.
  const activity: Record<string, number> = {};
  const sampler = setInterval(() => {
    void client.query(`SELECT coalesce(wait_event_type || ':' || wait_event, state) AS what, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`)
      .then((res) => { for (const r of res.rows) activity[`${r.what} | ${r.query}`] = (activity[`${r.what} | ${r.query}`] ?? 0) + 1; })
      .catch(() => undefined);
  }, 1000);
  // Paced first (users at a human pace, on their own tasks), then the saturation run (no pause between requests).
  const pacedTasks = tasks.slice(0, Math.floor(tasks.length / 2));
  const paced = await pacedUsers(baseUrl, tokens, users, pacedTasks, durationSeconds);
  // at most as many tasks as 100 users claim in the duration at ~1 pair per second each: the run stays about that long
  const saturationTasks = tasks.slice(pacedTasks.length, pacedTasks.length + CONNECTIONS * durationSeconds);
  const claimComplete = await claimAndComplete(baseUrl, tokens, users, saturationTasks, durationSeconds);
  clearInterval(sampler);
  const probe = await fetch(`${baseUrl}/api/tasks?view=mine`, { headers: { authorization: `Bearer ${tokens.get(users[0])}` }, signal: AbortSignal.timeout(10_000) })
    .then((r) => r.status).catch((e: Error) => `no answer within 10 s (${e.name})`);

  // Team leads assign open tasks to members of their own team (north: even bench numbers, south: odd).
  let assigned = 0;
  const assign = await autocannon({
    url: baseUrl, connections: CONNECTIONS, duration: Math.max(5, Math.round(durationSeconds / 2)), timeout: 10,
    requests: [{
      method: 'POST',
      onResponse: (_status, _body, context) => measure('assign', context),
      setupRequest: (req, context) => {
        stamp(context);
        const i = assigned++;
        const task = toAssign[i % toAssign.length];
        const lead = i % 2 === 0 ? 'lead1' : 'lead2';
        const member = users[(i % 2 === 0 ? 1 : 0) + 2 * ((i >> 1) % (users.length / 2))];
        // A task assigned again (second round) has a newer version: the stale version gives the expected 409.
        return { ...req, path: `/api/tasks/${task.key}/assign`, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(lead)}` }, body: JSON.stringify({ version: task.version, assignee: member }) };
      },
    }],
  });
  const sessions = Object.entries(activity).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([what, samples]) => ({ what, samples }));
  const saturated = summarise(claimComplete.result, ['claim', 'complete'], claimComplete.withoutTask);
  const assigns = summarise(assign, ['assign']);
  return {
    connections: CONNECTIONS, tasksOffered: tasks.length, apiAnswersAfterwards: probe, sessionsDuringClaimComplete: sessions,
    claimCompletePaced: paced, claimComplete: { ...saturated, ranOutOfTasks: claimComplete.ranOut }, assign: assigns,
  };
}

/**
 * Claim then complete with `CONNECTIONS` users; every 10th claim races for a task just given to someone else (the expected
 * 409). Each user sends its next request as soon as the previous one is answered (saturation).
 */
async function claimAndComplete(baseUrl: string, tokens: Map<string, string>, users: string[], tasks: OpenTask[], durationSeconds: number) {
  let next = 0;
  let pairs = 0;
  let withoutTask = 0;
  const result = await autocannon({
    // at most a claim and a complete per task (autocannon then ignores the duration): it ends when the tasks are used up
    url: baseUrl, connections: CONNECTIONS, duration: durationSeconds, timeout: 10, amount: 2 * tasks.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const race = pairs % 10 === 9 && next > 0;
          const task = race ? tasks[next - 1] : tasks[next++];
          if (!task) {
            // ran out of tasks: the duration ends the run; this request goes to a path no route serves (404, counted apart)
            withoutTask++;
            return { ...req, method: 'GET', path: '/api/bench-out-of-tasks' };
          }
          const user = users[pairs++ % users.length];
          Object.assign(context, { task, user });
          stamp(context);
          return { ...req, path: `/api/tasks/${task.key}/claim`, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(user)}` }, body: JSON.stringify({ version: task.version }) };
        },
        onResponse: (status, body, context) => {
          measure('claim', context);
          (context as { claimed?: number | null }).claimed = status === 200 ? (JSON.parse(body) as { version: number }).version : null;
        },
      },
      {
        method: 'POST',
        setupRequest: (req, context) => {
          if ((context as { claimed?: number | null }).claimed === null || (context as { claimed?: number | null }).claimed === undefined) return undefined as unknown as typeof req; // lost the race: start over
          const { task, user } = context as { task: OpenTask; user: string };
          stamp(context);
          return { ...req, path: `/api/tasks/${task.key}/complete`, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(user)}` }, body: JSON.stringify({ version: (context as { claimed?: number | null }).claimed, variables: {} }) };
        },
        onResponse: (_status, _body, context) => measure('complete', context),
      },
    ],
  });
  return { result, ranOut: next >= tasks.length, withoutTask };
}

/**
 * `users` people at a human pace: each claims a task, pauses, completes it, pauses, and so on, pausing ~1 / USER_RATE
 * seconds (uniformly 0.5-1.5x, so that users do not click in lockstep). Every request is timed on its own, so a pause is
 * never part of a latency. Every 10th claim goes for the task the previous user just claimed: the expected 409.
 */
async function pacedUsers(baseUrl: string, tokens: Map<string, string>, users: string[], tasks: OpenTask[], durationSeconds: number) {
  const times: Record<'claim' | 'complete', number[]> = { claim: [], complete: [] };
  const codes: Record<string, number> = {};
  let next = 0;
  let claims = 0;
  let failures = 0;
  const until = performance.now() + durationSeconds * 1000;
  const pause = () => new Promise((r) => setTimeout(r, (1000 / USER_RATE) * (0.5 + Math.random())));
  const send = async (kind: 'claim' | 'complete', user: string, task: OpenTask, body: unknown) => {
    const t = performance.now();
    try {
      const res = await fetch(`${baseUrl}/api/tasks/${task.key}/${kind}`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(user)}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      times[kind].push(performance.now() - t);
      codes[res.status] = (codes[res.status] ?? 0) + 1;
      return { status: res.status, text };
    } catch {
      failures++;
      return { status: 0, text: '' };
    }
  };
  const started = performance.now();
  await Promise.all(users.map(async (user, u) => {
    await new Promise((r) => setTimeout(r, (u * 1000) / USER_RATE / users.length)); // users start spread over one pause
    while (performance.now() < until && next < tasks.length) {
      const race = claims++ % 10 === 9 && next > 0;
      const task = race ? tasks[next - 1] : tasks[next++];
      const claimed = await send('claim', user, task, { version: task.version });
      await pause();
      if (claimed.status === 200) {
        await send('complete', user, task, { version: (JSON.parse(claimed.text) as { version: number }).version, variables: {} });
        await pause();
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const all = [...times.claim, ...times.complete];
  const unexpected = Object.entries(codes).filter(([c]) => !c.startsWith('2') && c !== '409').reduce((n, [, c]) => n + c, 0);
  return {
    users: users.length, requestsPerUserPerSecond: USER_RATE, requests: all.length, perSecond: Math.round(all.length / seconds),
    p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99),
    byKind: Object.fromEntries((['claim', 'complete'] as const).map((k) => [k, { n: times[k].length, p50: percentile(times[k], 50), p95: percentile(times[k], 95), p99: percentile(times[k], 99) }])),
    statusCodes: codes, expected409: codes['409'] ?? 0, errors: unexpected + failures, ranOutOfTasks: next >= tasks.length && performance.now() < until, load: load(),
  };
}
