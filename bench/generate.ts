/**
 * Set-based data generator (issue 5): employers, cases (work_case) and task rows (user_task) written with
 * INSERT ... SELECT generate_series straight into the tables the task list reads, consistent enough that
 * GET /api/tasks works on them. Engine state is NOT generated: these tasks can be listed, not claimed (the
 * claim/complete benchmark uses tasks the real engine created).
 */
import type { Client } from 'pg';
import { perSecond } from './lib/stats';

export interface DatasetSize {
  employers: number;
  instances: number;
  tasks: number;
  openTasks: number;
  /** Bench agents bench001..benchNNN (role agent, group recovery-agents) for the concurrent-user benchmark. */
  agents: number;
}

export const SIZES: Record<'small' | 'full', DatasetSize> = {
  small: { employers: 27_700, instances: 20_000, tasks: 100_000, openTasks: 10_000, agents: 100 },
  full: { employers: 277_000, instances: 200_000, tasks: 1_000_000, openTasks: 100_000, agents: 100 },
};

// Keys far from the engine's own key blocks (engine_key_block starts at 1000), so real instances never collide.
export const CASE_KEY_BASE = 1_000_000_000_000;
const TASK_KEY_BASE = 2_000_000_000_000;

/** A valid Belgian enterprise number (mod 97 check digits) for employer n, as SQL. */
const enterpriseNumber = (n: string) =>
  `lpad((1000000 + (${n}) * 3)::text, 8, '0') || lpad((97 - (1000000 + (${n}) * 3) % 97)::text, 2, '0')`;

/** Standard normal deviate (Box-Muller) from two uniform draws; amounts are log-normal around it. */
const NORMAL = `sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())`;

export interface GeneratorResult {
  size: DatasetSize;
  steps: { table: string; rows: number; ms: number; rowsPerSecond: number }[];
  /** The same user_task rows into an UNLOGGED table without indexes: what the index + WAL maintenance costs. */
  taskRowsBareMs: number;
  totalMs: number;
}

export async function generateDataset(client: Client, size: DatasetSize, log: (line: string) => void = () => undefined): Promise<GeneratorResult> {
  const steps: GeneratorResult['steps'] = [];
  const started = performance.now();
  const step = async (table: string, sql: string) => {
    const t = performance.now();
    const res = await client.query(sql);
    const ms = Math.round(performance.now() - t);
    steps.push({ table, rows: res.rowCount ?? 0, ms, rowsPerSecond: perSecond(res.rowCount ?? 0, ms) });
    log(`  ${table}: ${res.rowCount} rows in ${ms} ms`);
  };
  await client.query(`SELECT setseed(0.42)`);
  const E = size.employers;
  await step('employer', `
    INSERT INTO employer (enterprise_number, name, legal_form_code, nace_code, postal_code, city, language, category)
    SELECT ${enterpriseNumber('g')},
           (ARRAY['Bakkerij','Garage','Brasserie','Boulangerie','Transport','Bouwbedrijf','Schrijnwerkerij','Taverne','Pharmacie','Coiffure','Drukkerij','Menuiserie','Immo','Électricité','Café'])[1 + g % 15]
             || ' ' || (ARRAY['Peeters','Janssens','Maes','Jacobs','Mertens','Willems','Claes','Goossens','Wouters','De Smet','Dubois','Lambert','Dupont','Lefèbvre','Renard','Vermeulen','Müller','Leclercq','Hendrickx','Desmet'])[1 + (g / 15) % 20]
             || CASE WHEN g % 7 = 0 THEN ' & Zonen' WHEN g % 11 = 0 THEN ' et Fils' ELSE '' END
             || ' ' || (ARRAY['BV','NV','SRL','SA','VOF','CommV'])[1 + (g / 300) % 6] || ' ' || g,
           (ARRAY['610','014','015','017','706'])[1 + g % 5], NULL,
           (1000 + (g * 37) % 8999)::text, (ARRAY['Brussel','Antwerpen','Gent','Liège','Charleroi','Namur','Leuven','Brugge','Mons','Hasselt'])[1 + g % 10],
           CASE WHEN g % 5 < 3 THEN 'nl' ELSE 'fr' END, (ARRAY['000','010','054','075','093'])[1 + g % 5]
      FROM generate_series(1, ${E}) g`);
  // Processes: 80 % recovery, 12 % payment deferral, 8 % inspection. Employers with many cases are rarer
  // (a skewed pick). Amounts log-normal, median ~1,800 EUR. The first `openTasks` cases are open.
  await step('work_case', `
    INSERT INTO work_case (id, bpmn_process_id, process_version, process_name, enterprise_number, status, amount_due, opened_at, closed_at)
    SELECT ${CASE_KEY_BASE} + g, p.id, 1, p.name, ${enterpriseNumber('emp.n')},
           CASE WHEN g <= ${size.openTasks} THEN 'OPEN' ELSE 'CLOSED' END,
           least(9999999, round(exp(ln(1800) + 1.1 * ${NORMAL})::numeric, 2)),
           opened, CASE WHEN g <= ${size.openTasks} THEN NULL ELSE opened + interval '1 day' * (10 + random() * 60) END
      FROM generate_series(1, ${size.instances}) g
      CROSS JOIN LATERAL (SELECT CASE WHEN (g * 2654435761) % 100 < 80 THEN 'recovery' WHEN (g * 2654435761) % 100 < 92 THEN 'payment-deferral' ELSE 'inspection' END AS pid) k
      JOIN (VALUES ('recovery', 'Amicable recovery'), ('payment-deferral', 'Payment deferral'), ('inspection', 'Inspection')) p(id, name) ON p.id = k.pid
      -- evaluated once per row: the number and its check digits must come from the same draw
      CROSS JOIN LATERAL (SELECT 1 + floor(${E} * power(random(), 1.3))::int % ${E} AS n, g AS _g) emp
      CROSS JOIN LATERAL (SELECT timestamptz '2026-07-01' + interval '1 day' * (random() * 150) + interval '1 second' * (g % 86400) AS opened) o`);
  const taskSelect = `
    SELECT ${TASK_KEY_BASE} + t AS key, s.element_id, ${TASK_KEY_BASE * 2} + t AS element_instance_key, s.name, c.bpmn_process_id,
           1 AS process_definition_key, c.id AS process_instance_key, c.id AS root_process_instance_key,
           CASE WHEN open THEN 'CREATED' WHEN t % 50 = 0 THEN 'CANCELED' ELSE 'COMPLETED' END AS state,
           CASE WHEN open AND t % 4 <> 0 THEN NULL
                WHEN t % 3 = 0 THEN 'agent' || (1 + t % 6) ELSE 'bench' || lpad((1 + t % ${size.agents})::text, 3, '0') END AS assignee,
           ARRAY[s.grp] AS candidate_groups, '{}'::text[] AS candidate_users,
           created + interval '1 day' * (5 + (t % 40)) AS due_date, 50 AS priority, (t % 3) AS version, created AS created_at,
           CASE WHEN open THEN NULL ELSE created + interval '1 hour' * (1 + t % 200) END AS completed_at,
           c.enterprise_number, e.name AS employer_name, c.amount_due, c.process_name
      FROM generate_series(1, ${size.tasks}) t
      CROSS JOIN LATERAL (SELECT ${CASE_KEY_BASE} + 1 + (t - 1) % ${size.instances} AS case_id, t <= ${size.openTasks} AS open) r
      JOIN work_case c ON c.id = r.case_id
      JOIN employer e ON e.enterprise_number = c.enterprise_number
      CROSS JOIN LATERAL (SELECT CASE WHEN open THEN now() - interval '1 day' * (random() * 40)
                                      ELSE c.opened_at + interval '1 hour' * ((t / ${size.instances}) * 24 + t % 24) END AS created) d
      JOIN LATERAL (
        SELECT * FROM (VALUES
          ('recovery', 0, 'Activity_ContactEmployer', 'Contact employer', 'recovery-agents'),
          ('recovery', 1, 'Activity_ContactEmployer', 'Contact employer', 'recovery-agents'),
          ('recovery', 2, 'Activity_ClaimAfterDeferral', 'Claim after deferral', 'recovery-agents'),
          ('recovery', 3, 'Activity_ReviewDispute', 'Review dispute', 'recovery-agents'),
          ('recovery', 4, 'Activity_PrepareTransfer', 'Prepare transfer', 'recovery-agents'),
          ('recovery', 5, 'Activity_ApproveTransfer', 'Approve transfer', 'recovery-leads'),
          ('recovery', 6, 'Activity_ClaimInsolvency', 'Claim in insolvency', 'recovery-agents'),
          ('payment-deferral', 0, 'Activity_AssessRequest', 'Assess request', 'recovery-agents'),
          ('payment-deferral', 1, 'Activity_ApproveAgreement', 'Approve agreement', 'recovery-leads'),
          ('payment-deferral', 2, 'Activity_FollowUpMissed', 'Follow up missed instalment', 'recovery-agents'),
          ('inspection', 0, 'Activity_Triage', 'Triage signal', 'inspection-leads'),
          ('inspection', 1, 'Activity_Investigate', 'Investigate', 'inspectors'),
          ('inspection', 2, 'Activity_Report', 'Write report', 'inspectors')
        ) v(pid, i, element_id, name, grp)
        WHERE v.pid = c.bpmn_process_id AND v.i = (t * 7 + t / 3) % CASE c.bpmn_process_id WHEN 'recovery' THEN 7 ELSE 3 END) s ON true`;
  const taskColumns = `key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key,
    root_process_instance_key, state, assignee, candidate_groups, candidate_users, due_date, priority, version, created_at,
    completed_at, enterprise_number, employer_name, amount_due, process_name`;
  // Reference first: the same rows into a bare UNLOGGED table (no index, no WAL), then the real table.
  await client.query(`CREATE UNLOGGED TABLE bench_task_bare AS SELECT * FROM user_task WITH NO DATA`);
  await client.query(`ALTER TABLE bench_task_bare DROP COLUMN employer_search`);
  const tb = performance.now();
  await client.query(`SELECT setseed(0.43)`);
  await client.query(`INSERT INTO bench_task_bare (${taskColumns}) ${taskSelect}`);
  const taskRowsBareMs = Math.round(performance.now() - tb);
  await client.query(`DROP TABLE bench_task_bare`);
  // Bulk load: the secondary indexes (as the migrations define them) are dropped and rebuilt after the insert,
  // which is ~3x faster than maintaining the trigram GIN index row by row.
  const indexes: { indexname: string; indexdef: string }[] = (await client.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'user_task' AND indexname <> 'user_task_pkey'`)).rows;
  for (const i of indexes) await client.query(`DROP INDEX ${i.indexname}`);
  await client.query(`SELECT setseed(0.43)`);
  await step('user_task', `INSERT INTO user_task (${taskColumns}) ${taskSelect}`);
  const ti = performance.now();
  for (const i of indexes) await client.query(i.indexdef);
  steps.push({ table: `user_task indexes (${indexes.length})`, rows: 0, ms: Math.round(performance.now() - ti), rowsPerSecond: 0 });
  // Bench agents share agent1's password hash (the demo password) and its group.
  await step('app_user', `
    INSERT INTO app_user (username, display_name, password_hash, roles, language, demo)
    SELECT 'bench' || lpad(g::text, 3, '0'), 'Bench Agent ' || g, u.password_hash, ARRAY['agent'], 'nl', true
      FROM generate_series(1, ${size.agents}) g, app_user u WHERE u.username = 'agent1'`);
  await client.query(`INSERT INTO user_group (username, group_name) SELECT 'bench' || lpad(g::text, 3, '0'), 'recovery-agents' FROM generate_series(1, ${size.agents}) g`);
  await client.query(`INSERT INTO team_member (team, username) SELECT CASE WHEN g % 2 = 0 THEN 'recovery-north' ELSE 'recovery-south' END, 'bench' || lpad(g::text, 3, '0') FROM generate_series(1, ${size.agents}) g`);
  const ta = performance.now();
  // VACUUM sets the visibility map, as autovacuum would on a table this size: index-only scans can count.
  await client.query(`VACUUM ANALYZE employer`);
  await client.query(`VACUUM ANALYZE work_case`);
  await client.query(`VACUUM ANALYZE user_task`);
  steps.push({ table: 'VACUUM ANALYZE', rows: 0, ms: Math.round(performance.now() - ta), rowsPerSecond: 0 });
  return { size, steps, taskRowsBareMs, totalMs: Math.round(performance.now() - started) };
}
