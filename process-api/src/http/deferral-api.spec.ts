import { problemSchema, storedEventSchema } from '@werkbank/shared';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { eventually, startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';
const employers = generateDemoEmployers(3);
const cloudEvent = (id: string, type: string, data: Record<string, unknown>) => ({ specversion: '1.0', id, source: '/test', type, time: '2026-10-20T08:00:00Z', data });

/** Payment deferral end to end through HTTP: the event intake and router, the task API's forms and four-eyes rule, the workers. */
describe('payment deferral through the API', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(app.server.baseUrl, tokens[user]);
  const postEvent = (body: unknown) => as('admin').post('/api/events', JSON.stringify(body), { 'content-type': 'application/cloudevents+json' });
  const routed = async (id: string) => {
    await eventually(async () => (await as('admin').get('/api/events?status=received')).body.total === 0, 'the router to take every event');
    for (const status of ['routed', 'unmatched', 'failed']) {
      const found = (await as('admin').get(`/api/events?status=${status}&size=500`)).body.items.find((e: { id: string }) => e.id === id);
      if (found) return storedEventSchema.parse(found);
    }
    throw new Error(`event ${id} was not routed`);
  };
  const openTask = async (user: string, caseId: string, step: string) =>
    eventually(async () => (await as(user).get(`/api/cases/${caseId}`)).body.currentTasks?.find((t: { step: string }) => t.step === step), `task ${step} of case ${caseId}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    app = await startRecoveryApp(db.dataSource);
    await seedDemoEmployers(db.dataSource, { count: employers.length });
    for (const user of ['admin', 'agent1', 'lead1', 'lead2']) tokens[user] = await loginAs(app.server.baseUrl, user, PASSWORD);
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('should start a deferral for a request event and refuse the agreement approval to the lead who assessed it (four-eyes)', async () => {
    // given an employer asks to pay 60 000,00 EUR in 18 instalments
    await postEvent(cloudEvent('defer-1', 'deferral.requested', { enterpriseNumber: employers[0].enterpriseNumber, requestId: 'REQ-HTTP-1', amount: '60000.00', instalments: 18, reason: 'Lost a large client.' }));
    const event = await routed('defer-1');
    expect(event.status).toBe('ROUTED');
    const caseId = /instance (\d+)/.exec(event.detail ?? '')?.[1] ?? '';
    // when lead1 assesses it and proposes the administrative agreement, claiming agent1 did it
    const assess = await openTask('lead1', caseId, 'Activity_AssessRequest');
    await as('lead1').post(`/api/tasks/${assess.id}/claim`, { version: assess.version });
    const assessed = await as('lead1').post(`/api/tasks/${assess.id}/complete`, {
      version: assess.version + 1, variables: { assessmentDecision: 'approve', approvedInstalments: 18, administrativeAgreement: true, assessedBy: 'agent1' } });
    expect(assessed.status).toBe(204);
    // then the server recorded the real assessor
    const approval = await openTask('lead1', caseId, 'Activity_ApproveAgreement');
    expect((await as('lead1').get(`/api/tasks/${approval.id}`)).body.variables.assessedBy).toBe('lead1');
    // when lead1 also approves the agreement, then it is refused as a four-eyes violation
    await as('lead1').post(`/api/tasks/${approval.id}/claim`, { version: approval.version });
    const refused = await as('lead1').post(`/api/tasks/${approval.id}/complete`, { version: approval.version + 1, variables: { agreementDecision: 'approve' } });
    expect(refused.status).toBe(403);
    expect(problemSchema.parse(refused.body).code).toBe('FOUR_EYES_VIOLATION');
    // and lead2 approves it: the plan opens and the decision letter is filed on the case
    await as('lead1').post(`/api/tasks/${approval.id}/unclaim`, { version: approval.version + 1 });
    await as('lead2').post(`/api/tasks/${approval.id}/claim`, { version: approval.version + 2 });
    const approved = await as('lead2').post(`/api/tasks/${approval.id}/complete`, { version: approval.version + 3, variables: { agreementDecision: 'approve' } });
    expect(approved.status).toBe(204);
    const documents = await eventually(async () => {
      const body = (await as('lead2').get(`/api/cases/${caseId}`)).body;
      return body.documents?.length > 0 ? body.documents : undefined;
    }, 'the decision letter');
    expect(documents.map((d: { kind: string }) => d.kind)).toEqual(['letter:deferral-approved']);
    const [plan] = await db.dataSource.query(`SELECT status, instalments, total_cents::int AS total FROM deferral_plan WHERE request_id = 'REQ-HTTP-1'`);
    expect(plan).toEqual({ status: 'ACTIVE', instalments: 18, total: 6_000_000 });
  });

  it('should check the information-received event and keep an answer nothing waits for visible', async () => {
    const bad = await postEvent(cloudEvent('info-bad', 'deferral.information-received', { enterpriseNumber: employers[1].enterpriseNumber, requestId: 'REQ-X' }));
    expect(bad.status).toBe(400);
    expect(problemSchema.parse(bad.body).errors?.map((e) => e.field)).toEqual(['data.information']);
    await postEvent(cloudEvent('info-1', 'deferral.information-received', { enterpriseNumber: employers[1].enterpriseNumber, requestId: 'REQ-NONE', information: 'Accounts attached.' }));
    expect((await routed('info-1')).status).toBe('UNMATCHED');
  });
});
