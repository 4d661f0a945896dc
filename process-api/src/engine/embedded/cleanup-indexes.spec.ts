import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';

/**
 * The clean-up of a step (instance-store.ts `applyEffects`) finds the rows of the elements it leaves by element
 * instance. With 200,000 open tasks a scan of them cost 130 ms per completed task (BENCH_SCALE=full): each of these
 * statements must be answered from an index on the element instance.
 */
describe('clean-up statements of a step', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const statements: [string, string, string][] = [
    ['user tasks', `UPDATE user_task SET state = 'CANCELED', version = version + 1 WHERE element_instance_key = ANY($1::bigint[]) AND state = 'CREATED'`, 'user_task_open_element_idx'],
    ['incidents', `UPDATE incident SET state = 'RESOLVED' WHERE element_instance_key = ANY($1::bigint[]) AND state = 'ACTIVE'`, 'incident_active_element_idx'],
    ['jobs', `DELETE FROM job WHERE element_instance_key = ANY($1::bigint[])`, 'job_element_idx'],
    ['timers', `DELETE FROM timer WHERE element_instance_key = ANY($1::bigint[])`, 'timer_element_idx'],
    ['message subscriptions', `DELETE FROM message_subscription WHERE element_instance_key = ANY($1::bigint[])`, 'message_subscription_element_idx'],
  ];

  it.each(statements)('should find the %s of the elements left through an element index', async (_what, sql, index) => {
    // given a connection on which PostgreSQL reads a table whole only when no index serves the condition
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET enable_seqscan = off`);
      // when the statement is planned
      const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, [['1', '2']]);
      // then it reads through the element index
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(index);
    } finally {
      await runner.release();
    }
  });
});
