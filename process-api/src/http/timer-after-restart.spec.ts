import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { createDataSource } from '../persistence/data-source';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { eventually, startRecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';
const [employer] = generateDemoEmployers(1);
const DAY_MS = 24 * 60 * 60 * 1000;

describe('timers across a restart, through the API', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    await seedDemoEmployers(db.dataSource, { count: 1 });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should show the contact task to the agents after a restart once the reminder deadline passed while the server was down', async () => {
    // given server A routed a debt event: the case waits 15 days for payment
    const a = await startRecoveryApp(db.dataSource);
    const admin = apiClient(a.server.baseUrl, await loginAs(a.server.baseUrl, 'admin', PASSWORD));
    const event = { specversion: '1.0', id: 'debt-restart', source: '/test', type: 'debt.detected', data: { enterpriseNumber: employer.enterpriseNumber, debtId: 'D-1', quarter: '2026-Q3', amount: '640.00', dueDate: '2026-10-15' } };
    expect((await admin.post('/api/events', JSON.stringify(event), { 'content-type': 'application/cloudevents+json' })).status).toBe(202);
    const caseId = await eventually(async () => {
      const [row] = await db.dataSource.query(
        `SELECT c.id::text AS id FROM work_case c JOIN timer t ON t.process_instance_key = c.id WHERE c.enterprise_number = $1 AND t.element_id = 'Event_ReminderExpired'`,
        [employer.enterpriseNumber],
      );
      return row?.id as string | undefined;
    }, 'the payment deadline timer');
    const agentA = apiClient(a.server.baseUrl, await loginAs(a.server.baseUrl, 'agent1', PASSWORD));
    expect((await agentA.get('/api/tasks?view=group')).body.total).toBe(0);
    // when server and engine A stop, and 16 days pass on the (persisted) demo clock while nothing runs
    await a.stop();
    await db.dataSource.query(`UPDATE engine_clock SET offset_ms = offset_ms + $1 WHERE id = 1`, [16 * DAY_MS]);
    // and a new server with engine B starts on the same database
    const dataSourceB = createDataSource({ url: db.url, poolSize: 5 });
    await dataSourceB.initialize();
    const b = await startRecoveryApp(dataSourceB);
    try {
      // then, without any further command, agent1 finds the contact task of the case in the team queue
      const agentB = apiClient(b.server.baseUrl, await loginAs(b.server.baseUrl, 'agent1', PASSWORD));
      const task = await eventually(async () => (await agentB.get('/api/tasks?view=group')).body.items?.find((t: { caseId: string }) => t.caseId === caseId), 'the contact task');
      expect(task).toMatchObject({ step: 'Activity_ContactEmployer', name: 'Contact employer', assignee: null, employer: { enterpriseNumber: employer.enterpriseNumber } });
      const timeline = (await agentB.get(`/api/cases/${caseId}`)).body.timeline.map((e: { kind: string }) => e.kind);
      expect(timeline).toContain('TIMER_FIRED');
    } finally {
      await b.stop();
      await dataSourceB.destroy();
    }
  });
});
