import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { seedDemoCases } from './seed-demo-cases.use-case';

describe('seedDemoCases', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, 'werkbank');
    await seedDemoEmployers(db.dataSource, { count: 60 });
    app = await startRecoveryApp(db.dataSource);
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('should leave contact tasks past their payment deadline and inspection triage tasks still within their time', async () => {
    // given the product on an empty demo database
    const { router, employers } = app.events;
    // when the demo quarter is seeded (events routed, the demo clock moved past the payment deadline)
    const result = await seedDemoCases({ dataSource: db.dataSource, engine: app.engine, employers, router: router as NonNullable<typeof router> }, { employerCount: 60 });
    // then agents find recovery tasks, and the inspection leads' triage tasks are not overdue on day one
    const now = app.engine.now();
    const tasks: { bpmn_process_id: string; due_date: Date | null }[] = await db.dataSource.query(`SELECT bpmn_process_id, due_date FROM user_task WHERE state = 'CREATED'`);
    const triage = tasks.filter((t) => t.bpmn_process_id === 'inspection');
    expect(result.openTasks).toBe(tasks.length);
    expect(tasks.filter((t) => t.bpmn_process_id === 'recovery').length).toBeGreaterThan(0);
    expect(triage.length).toBeGreaterThan(0);
    expect(triage.filter((t) => t.due_date !== null && t.due_date.getTime() < now.getTime())).toEqual([]);
  }, 120_000);
});
