import { taskListQuerySchema } from '@werkbank/shared';
import type { DataSource } from 'typeorm';
import type { Actor } from '../domain/tasks/task-access';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { createWorkbenchHarness } from '../test-support/workbench-harness';
import { TaskQueryRepository } from './task-query.repository';

const agent: Actor = { username: 'agent1', roles: ['agent'], groups: ['recovery-agents'] };
const query = (params: Record<string, string>) => taskListQuerySchema.parse(params);

describe('TaskQueryRepository', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const harness = createWorkbenchHarness(db.dataSource);
    // given four open recovery tasks (1,000 / 2,000 / 3,000 / 4,000 EUR) and one of another group
    for (const euros of [1000, 2000, 3000, 4000]) {
      await harness.createTask({ variables: { enterpriseNumber: '0403170701', amountDueCents: euros * 100 } });
    }
    await harness.createTask({ candidateGroups: ['payment-agents'], variables: { amountDueCents: 500000 } });
  });

  afterAll(async () => {
    await db.drop();
  });

  describe('bounded count', () => {
    it('should give the exact total when no more tasks match than the bound', async () => {
      // when the list is counted with a bound of 4 (four matching tasks) and of 10 (two matching tasks)
      const atBound = await new TaskQueryRepository(db.dataSource, 4).list(query({ view: 'group', size: '1' }), agent);
      const below = await new TaskQueryRepository(db.dataSource, 10).list(query({ view: 'group', amountMin: '2500' }), agent);
      // then both totals are exact
      expect(atBound).toMatchObject({ total: 4, totalIsExact: true });
      expect(atBound.items).toHaveLength(1);
      expect(below).toMatchObject({ total: 2, totalIsExact: true });
    });

    it('should say the total is capped when more tasks match than the bound, and still serve every page', async () => {
      // when four matching tasks are counted with a bound of 3
      const repository = new TaskQueryRepository(db.dataSource, 3);
      const first = await repository.list(query({ view: 'group', sort: 'amountDue', size: '2' }), agent);
      const beyond = await repository.list(query({ view: 'group', sort: 'amountDue', size: '3', page: '1' }), agent);
      // then the total is the bound, flagged as not exact; the page past the bound still has its task
      expect(first).toMatchObject({ total: 3, totalIsExact: false });
      expect(first.items.map((t) => t.amountDue)).toEqual(['1000.00', '2000.00']);
      expect(beyond).toMatchObject({ total: 3, totalIsExact: false });
      expect(beyond.items.map((t) => t.amountDue)).toEqual(['4000.00']);
    });

    it('should apply the filters to the bounded count', async () => {
      // when three of the four tasks match the amount filter, bound 2 and bound 3
      const capped = await new TaskQueryRepository(db.dataSource, 2).list(query({ view: 'group', amountMin: '2000' }), agent);
      const exact = await new TaskQueryRepository(db.dataSource, 3).list(query({ view: 'group', amountMin: '2000' }), agent);
      // then
      expect(capped).toMatchObject({ total: 2, totalIsExact: false });
      expect(exact).toMatchObject({ total: 3, totalIsExact: true });
    });
  });

  it('should read open tasks by amount, largest first, in index order without sorting', async () => {
    // given a connection on which PostgreSQL avoids sorting whenever an index gives the order
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET enable_sort = off`);
      const plans: { sql: string; plan: string }[] = [];
      const explaining = {
        async query(sql: string, params: unknown[]) {
          const rows: Record<string, string>[] = await runner.query(`EXPLAIN ${sql}`, params);
          plans.push({ sql, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
          return sql.includes('count(*)') ? [{ total: 0 }] : [];
        },
      } as unknown as DataSource;
      // when the agent's "amount >= 5,000, largest first" page is planned
      await new TaskQueryRepository(explaining).list(query({ view: 'group', amountMin: '5000', sort: 'amountDue', direction: 'desc' }), agent);
      // then the page is read through the descending amount index, with no sort step
      const page = plans.find((p) => !p.sql.includes('count(*)'))?.plan ?? '';
      expect(page).toContain('user_task_open_amount_desc_idx');
      expect(page).not.toMatch(/Sort/);
    } finally {
      await runner.release();
    }
  });
});
