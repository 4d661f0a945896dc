import { caseDetailSchema, problemSchema, storedEventSchema } from '@werkbank/shared';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { eventually, startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';
const employers = generateDemoEmployers(5);

const cloudEvent = (id: string, type: string, data: Record<string, unknown>) => ({ specversion: '1.0', id, source: '/test', type, time: '2026-10-20T08:00:00Z', data });
const debt = (id: string, employer: number, amount: string) =>
  cloudEvent(id, 'debt.detected', { enterpriseNumber: employers[employer].enterpriseNumber, debtId: `D-${id}`, quarter: '2026-Q3', amount, dueDate: '2026-10-15' });
const payment = (id: string, employer: number, amount: string) =>
  cloudEvent(id, 'payment.received', { enterpriseNumber: employers[employer].enterpriseNumber, paymentId: `P-${id}`, amount, bookedAt: '2026-10-25' });

/** The recovery process end to end through HTTP: real auth, real engine, bpmn-models/recovery.bpmn, event-routes.json. */
describe('recovery through the API', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(app.server.baseUrl, tokens[user]);
  const postEvent = (body: unknown, type = 'application/cloudevents+json') => as('admin').post('/api/events', JSON.stringify(body), { 'content-type': type });
  /** Waits until the router has taken every stored event, then gives the event as listed by the API. */
  const routed = async (id: string) => {
    await eventually(async () => (await as('admin').get('/api/events?status=received')).body.total === 0, 'the router to take every event');
    for (const status of ['routed', 'unmatched', 'failed']) {
      const found = (await as('admin').get(`/api/events?status=${status}&size=500`)).body.items.find((e: { id: string }) => e.id === id);
      if (found) return storedEventSchema.parse(found);
    }
    throw new Error(`event ${id} was not routed`);
  };
  const caseOf = (detail: string | null) => /instance (\d+)/.exec(detail ?? '')?.[1] ?? '';
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

  it('should open a recovery case with the reminder letter for a debt event, once per event id, and close it on full payment', async () => {
    // when a debt event comes in
    const accepted = await postEvent(debt('debt-1', 0, '1500.00'));
    expect([accepted.status, accepted.body]).toEqual([202, { accepted: 1, duplicates: 0, conflicts: 0 }]);
    // then it started a recovery case for the employer, with the reminder letter filed as a document
    const event = await routed('debt-1');
    expect(event.status).toBe('ROUTED');
    const caseId = caseOf(event.detail);
    const detail = await eventually(async () => {
      const body = (await as('agent1').get(`/api/cases/${caseId}`)).body;
      return body.documents?.length > 0 ? caseDetailSchema.parse(body) : undefined;
    }, 'the reminder letter');
    expect(detail).toMatchObject({ status: 'OPEN', process: { bpmnProcessId: 'recovery' }, amountDue: '1500.00', employer: { enterpriseNumber: employers[0].enterpriseNumber } });
    expect(detail.documents[0].kind).toBe('letter:recovery-reminder');
    // when the same event id arrives again
    const duplicate = await postEvent(debt('debt-1', 0, '1500.00'));
    // then it is acknowledged and ignored: still one case for the employer
    expect([duplicate.status, duplicate.body]).toEqual([202, { accepted: 0, duplicates: 1, conflicts: 0 }]);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM work_case WHERE enterprise_number = $1`, [employers[0].enterpriseNumber]);
    expect(count).toBe(1);
    // when a payment covering the debt arrives
    await postEvent(payment('pay-1', 0, '1500.00'));
    // then the case is closed
    expect((await routed('pay-1')).status).toBe('ROUTED');
    const closed = await eventually(async () => {
      const body = (await as('agent1').get(`/api/cases/${caseId}`)).body;
      return body.status === 'CLOSED' ? body : undefined;
    }, 'the case to close');
    expect(closed.amountDue).toBe('0.00');
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['CASE_OPENED', 'JOB_COMPLETED', 'MESSAGE_CORRELATED', 'CASE_CLOSED']));
  });

  it('should keep a payment for an employer without a case as unmatched and list it', async () => {
    // when a payment arrives for an employer without a recovery case
    await postEvent(payment('pay-stray', 1, '20.00'));
    // then it ends UNMATCHED and the triage list shows it
    expect((await routed('pay-stray')).status).toBe('UNMATCHED');
    const listed = await as('lead1').get('/api/events?status=unmatched');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain('pay-stray');
  });

  it('should refuse a malformed event with a problem naming the field', async () => {
    const response = await postEvent(debt('debt-bad', 2, 'lots'));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = problemSchema.parse(response.body);
    expect(body.code).toBe('INVALID_EVENT');
    expect(body.errors?.map((e) => e.field)).toEqual(['data.amount']);
  });

  it('should stamp the preparer of a forced-recovery transfer and refuse the approval by the same person (four-eyes)', async () => {
    // given a case whose reminder expired: the contact task is for the recovery agents
    await postEvent(debt('debt-4eyes', 3, '800.00'));
    const caseId = caseOf((await routed('debt-4eyes')).detail);
    await eventually(async () => (await as('agent1').get(`/api/cases/${caseId}`)).body.documents?.length > 0, 'the reminder letter');
    expect((await as('admin').post('/api/admin/clock/advance', { duration: 'P16D' })).status).toBe(200);
    // and lead1 found the employer unreachable
    const contact = await openTask('lead1', caseId, 'Activity_ContactEmployer');
    await as('lead1').post(`/api/tasks/${contact.id}/claim`, { version: contact.version });
    const contacted = await as('lead1').post(`/api/tasks/${contact.id}/complete`, { version: contact.version + 1, variables: { contactOutcome: 'unreachable', contactChannel: 'phone' } });
    expect(contacted.status).toBe(204);
    // when lead1 prepares the transfer, claiming it was prepared by someone else
    const prepare = await openTask('lead1', caseId, 'Activity_PrepareTransfer');
    await as('lead1').post(`/api/tasks/${prepare.id}/claim`, { version: prepare.version });
    const prepared = await as('lead1').post(`/api/tasks/${prepare.id}/complete`, {
      version: prepare.version + 1,
      variables: { transferReason: 'unreachable', transferNotes: 'No answer by phone or letter', preparedBy: 'agent1' },
    });
    expect(prepared.status).toBe(204);
    // then the server recorded who really prepared it
    const approve = await openTask('lead1', caseId, 'Activity_ApproveTransfer');
    expect((await as('lead1').get(`/api/tasks/${approve.id}`)).body.variables.preparedBy).toBe('lead1');
    // when lead1 also tries to approve
    await as('lead1').post(`/api/tasks/${approve.id}/claim`, { version: approve.version });
    const refused = await as('lead1').post(`/api/tasks/${approve.id}/complete`, { version: approve.version + 1, variables: { transferApproved: true } });
    // then it is refused as a four-eyes violation, and the task stays open
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('FOUR_EYES_VIOLATION');
    // and another team lead can approve it
    await as('lead1').post(`/api/tasks/${approve.id}/unclaim`, { version: approve.version + 1 });
    await as('lead2').post(`/api/tasks/${approve.id}/claim`, { version: approve.version + 2 });
    const approved = await as('lead2').post(`/api/tasks/${approve.id}/complete`, { version: approve.version + 3, variables: { transferApproved: true } });
    expect(approved.status).toBe(204);
    const timeline = (await as('lead2').get(`/api/cases/${caseId}`)).body.timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'TASK_COMPLETED').map((e: { actor: string }) => e.actor)).toEqual(['lead1', 'lead1', 'lead2']);
  });
});
