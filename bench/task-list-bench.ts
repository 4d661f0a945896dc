/**
 * Task list benchmark: the agent and team-lead queries over HTTP against the real API process, one at a time
 * (latency, not throughput), p50/p95/p99 per query; EXPLAIN ANALYZE of every query whose p95 misses the target.
 */
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { taskListQuerySchema } from '@werkbank/shared';
import { TaskQueryRepository } from '../process-api/src/persistence/task-query.repository';
import type { Actor } from '../process-api/src/domain/tasks/task-access';
import { login } from './lib/api-process';
import { load, percentile } from './lib/stats';

interface QueryCase {
  name: string;
  user: 'agent1' | 'lead1';
  params: Record<string, string>;
}

const ACTORS: Record<QueryCase['user'], Actor> = {
  agent1: { username: 'agent1', roles: ['agent'], groups: ['recovery-agents'] },
  lead1: { username: 'lead1', roles: ['team-lead'], groups: ['recovery-agents', 'recovery-leads'] },
};

export const TASK_QUERIES: QueryCase[] = [
  { name: 'agent: team queue, by due date', user: 'agent1', params: { view: 'group' } },
  { name: 'agent: team queue, page 20', user: 'agent1', params: { view: 'group', page: '20' } },
  { name: 'agent: my tasks', user: 'agent1', params: { view: 'mine' } },
  { name: 'agent: amount >= 5,000, by amount desc', user: 'agent1', params: { view: 'group', amountMin: '5000', sort: 'amountDue', direction: 'desc' } },
  { name: 'agent: employer name "lefèbvre"', user: 'agent1', params: { view: 'group', employer: 'lefèbvre' } },
  { name: 'agent: enterprise number prefix', user: 'agent1', params: { view: 'group', employer: '0101' } },
  { name: 'agent: activity + due before, by employer', user: 'agent1', params: { view: 'group', step: 'Activity_ContactEmployer', dueBefore: '2027-01-15', sort: 'employerName' } },
  { name: 'lead: all open, by employer name', user: 'lead1', params: { view: 'all', sort: 'employerName' } },
  { name: 'lead: open of agent1', user: 'lead1', params: { view: 'all', assignee: 'agent1' } },
  { name: 'lead: open, amount 1,000-10,000 + due window', user: 'lead1', params: { view: 'all', amountMin: '1000', amountMax: '10000', dueAfter: '2026-12-01', dueBefore: '2027-01-31', sort: 'amountDue' } },
  { name: 'lead: completed, recovery, newest first', user: 'lead1', params: { view: 'all', state: 'COMPLETED', process: 'recovery', sort: 'createdAt', direction: 'desc' } },
  { name: 'lead: completed of an employer', user: 'lead1', params: { view: 'all', state: 'COMPLETED', employer: 'goossens', sort: 'createdAt', direction: 'desc' } },
];

/** total: matching rows as the API counts them (up to 1,000; totalIsExact false above). */
export interface QueryResult { name: string; total: number; totalIsExact: boolean; p50: number; p95: number; p99: number; load: number }

export async function benchTaskList(baseUrl: string, repetitions: number, targetMs: number) {
  const tokens = { agent1: await login(baseUrl, 'agent1'), lead1: await login(baseUrl, 'lead1') };
  const results: QueryResult[] = [];
  const all: number[] = [];
  for (const q of TASK_QUERIES) {
    const url = `${baseUrl}/api/tasks?${new URLSearchParams(q.params)}`;
    const sample: number[] = [];
    let total = 0;
    let totalIsExact = true;
    for (let i = 0; i < repetitions + 2; i++) {
      const t = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${tokens[q.user]}` } });
      const body = (await res.json()) as { total: number; totalIsExact: boolean };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${q.name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      total = body.total;
      totalIsExact = body.totalIsExact;
      if (i >= 2) sample.push(ms); // two warm-up calls (plan cache, connection pool)
    }
    all.push(...sample);
    results.push({ name: q.name, total, totalIsExact, p50: percentile(sample, 50), p95: percentile(sample, 95), p99: percentile(sample, 99), load: load() });
  }
  const overall = { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
  const slow = results.filter((r) => r.p95 > targetMs).map((r) => r.name);
  return { repetitions, overall, queries: results, slow };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SQL the repository sends for a query, captured through a stand-in DataSource. */
export async function explainTaskQuery(client: Client, name: string): Promise<string[]> {
  const q = TASK_QUERIES.find((c) => c.name === name);
  if (!q) return [];
  const plans: string[] = [];
  const capture = {
    async query(sql: string, params: unknown[]) {
      const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push(`${sql.replace(/\s+/g, ' ').trim()}\n${res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
      return sql.includes('count(*)') ? [{ total: 0 }] : [];
    },
  } as unknown as DataSource;
  await new TaskQueryRepository(capture).list(taskListQuerySchema.parse(q.params), ACTORS[q.user]);
  return plans;
}
