import { caseDetailSchema, type EmployerSummary } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';
const peeters: EmployerSummary = {
  enterpriseNumber: '0403170701',
  formattedNumber: '0403.170.701',
  name: 'Bakkerij Peeters BV',
  legalForm: { code: '610', label: 'BV' },
  nace: { code: '10711', label: 'Industriële vervaardiging van brood' },
  address: { street: 'Kerkstraat 12', postalCode: '2000', city: 'Antwerpen' },
  contacts: [{ kind: 'phone', value: '+32 3 123 45 67', label: 'Boekhouding' }],
};

describe('case routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  let agent: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness, [peeters]);
    agent = apiClient(server.baseUrl, await loginAs(server.baseUrl, 'agent1', PASSWORD));
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('should show the case with employer, amount, open tasks and a timeline of who did what', async () => {
    // given a recovery case whose task agent1 claimed and completed, and a second open task
    const { taskId, caseId } = await harness.createTask({ variables: { enterpriseNumber: '0403.170.701', employerName: 'Bakkerij Peeters BV', amountDueCents: 125050 } });
    await agent.post(`/api/tasks/${taskId}/claim`, { version: 0 });
    await agent.post(`/api/tasks/${taskId}/complete`, { version: 1, variables: { outcome: 'PROMISE' } });
    // when agent1 opens the case
    const response = await agent.get(`/api/cases/${caseId}`);
    // then it follows the contract and shows the history in order
    expect(response.status).toBe(200);
    const detail = caseDetailSchema.parse(response.body);
    expect(detail).toMatchObject({ id: caseId, amountDue: '1250.50', employer: { name: 'Bakkerij Peeters BV' }, documents: [] });
    expect(detail.process.bpmnProcessId).toBe('amicable-recovery');
    expect(detail.currentTasks).toEqual([]);
    // (an engine may add its own entries, e.g. the case closing once its last task is done)
    expect(detail.timeline[0].kind).toBe('CASE_OPENED');
    const taskEntries = detail.timeline.filter((e) => e.kind.startsWith('TASK_'));
    expect(taskEntries.map((e) => [e.kind, e.actor])).toEqual([
      ['TASK_CREATED', null],
      ['TASK_ASSIGNED', 'agent1'],
      ['TASK_COMPLETED', 'agent1'],
    ]);
    expect(taskEntries[1].title).toBe('Task “Contact the employer” assigned to agent1');
  });

  it('should list the open tasks of the case', async () => {
    // given a case with an open task
    const { taskId, caseId } = await harness.createTask({ variables: { enterpriseNumber: '0999999999' } });
    // when opening the case
    const detail = (await agent.get(`/api/cases/${caseId}`)).body;
    // then the task is current and an unknown employer is simply absent
    expect(detail.currentTasks.map((t: { id: string }) => t.id)).toEqual([taskId]);
    expect(detail.employer).toBeNull();
  });

  it('should answer 404 for an unknown case and 403 for a designer', async () => {
    const unknown = await agent.get('/api/cases/42');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect((await agent.get('/api/cases/abc')).status).toBe(404);
    const designer = apiClient(server.baseUrl, await loginAs(server.baseUrl, 'designer1', PASSWORD));
    expect((await designer.get('/api/cases/42')).status).toBe(403);
  });
});
