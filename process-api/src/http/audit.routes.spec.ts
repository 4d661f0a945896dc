import { auditPageSchema, auditVerificationSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';

describe('audit routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(server.baseUrl, tokens[user]);
  const entriesOf = async (query: string, user = 'admin') => auditPageSchema.parse((await as(user).get(`/api/audit?${query}`)).body).items;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness);
    for (const user of ['agent1', 'agent4', 'lead1', 'designer1', 'admin']) tokens[user] = await loginAs(server.baseUrl, user, PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('should record every task and case state change with its actor, readable per case', async () => {
    // given a case whose task agent1 claims and unclaims, lead1 assigns to agent2, who completes it
    const { taskId, caseId } = await harness.createTask();
    expect((await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 })).status).toBe(200);
    expect((await as('agent1').post(`/api/tasks/${taskId}/unclaim`, { version: 1 })).status).toBe(200);
    expect((await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 2, assignee: 'agent2' })).status).toBe(200);
    const agent2 = apiClient(server.baseUrl, await loginAs(server.baseUrl, 'agent2', PASSWORD));
    expect((await agent2.post(`/api/tasks/${taskId}/complete`, { version: 3, variables: { note: 'called, will pay' } })).status).toBe(204);
    // when lead1 reads the case's audit trail
    const response = await as('lead1').get(`/api/audit?caseId=${caseId}`);
    // then it follows the contract and lists every change in order, with who did it
    expect(response.status).toBe(200);
    const entries = auditPageSchema.parse(response.body).items;
    expect(entries.map((e) => [e.action, e.actor, e.subjectId])).toEqual([
      ['case.opened', 'system', caseId],
      ['task.created', 'system', taskId],
      ['task.claimed', 'agent1', taskId],
      ['task.unclaimed', 'agent1', taskId],
      ['task.assigned', 'lead1', taskId],
      ['task.completed', 'agent2', taskId],
      ['case.closed', 'system', caseId],
    ]);
    expect(entries[4].details).toEqual({ elementId: 'contact-employer', assignee: 'agent2', previousAssignee: null });
    // and a completion names the submitted fields, never their values
    expect(entries[5].details).toEqual({ elementId: 'contact-employer', fields: ['note'] });
    expect(JSON.stringify(entries)).not.toContain('will pay');
    expect(entries.every((e) => e.caseId === caseId && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('should not record a command that failed', async () => {
    // given a task agent1 holds
    const { taskId, caseId } = await harness.createTask();
    await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
    // when a stale claim and a refused claim fail
    expect((await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 })).status).toBe(409);
    // then only what happened is in the trail
    expect((await entriesOf(`caseId=${caseId}`)).map((e) => e.action)).toEqual(['case.opened', 'task.created', 'task.claimed']);
  });

  it('should record logins, failed logins and logouts without naming unknown accounts', async () => {
    // when agent3 logs in and out, and two logins fail
    const token = await loginAs(server.baseUrl, 'agent3', PASSWORD);
    expect((await apiClient(server.baseUrl, token).post('/api/auth/logout')).status).toBe(204);
    expect((await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent3', password: 'wrong' })).status).toBe(401);
    expect((await apiClient(server.baseUrl).post('/api/auth/login', { username: 'S3cret-typed-in-the-wrong-box', password: 'x' })).status).toBe(401);
    // then agent3's trail has all three, and the unknown name appears nowhere
    const mine = await entriesOf('actor=agent3');
    expect(mine.map((e) => [e.action, e.subjectId, e.details])).toEqual([
      ['login.succeeded', 'agent3', {}],
      ['logout', 'agent3', {}],
      ['login.failed', 'agent3', { reason: 'INVALID_CREDENTIALS' }],
    ]);
    const unknown = await entriesOf('actor=(unknown)');
    expect(unknown.map((e) => e.action)).toEqual(['login.failed']);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM audit_entry WHERE audit_entry::text LIKE '%S3cret%'`);
    expect(count).toBe(0);
  });

  it('should let a team lead read their own team only, and refuse agents and designers', async () => {
    // then lead1 (recovery-north) reads agent1 (north) but not agent4 (south); admin reads anyone
    expect((await as('lead1').get('/api/audit?actor=agent1')).status).toBe(200);
    expect((await as('lead1').get('/api/audit?actor=lead1')).status).toBe(200);
    const other = await as('lead1').get('/api/audit?actor=agent4');
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await as('admin').get('/api/audit?actor=agent4')).status).toBe(200);
    // and agents and designers read no audit trail, only admins verify it
    const { caseId } = await harness.createTask();
    expect((await as('agent1').get(`/api/audit?caseId=${caseId}`)).status).toBe(403);
    expect((await as('designer1').get('/api/audit?actor=designer1')).status).toBe(403);
    expect((await as('lead1').get('/api/audit/verify')).status).toBe(403);
    // and a bad query names the field, an unknown case is 404
    const bad = await as('admin').get('/api/audit?caseId=1&actor=agent1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('caseId');
    expect((await as('admin').get('/api/audit?caseId=999999999')).status).toBe(404);
  });

  it('should verify the chain and name the exact seq of a row tampered with in SQL', async () => {
    // given a chain with everything the tests above did
    const intact = auditVerificationSchema.parse((await as('admin').get('/api/audit/verify')).body);
    expect(intact.valid).toBe(true);
    expect(intact.firstBrokenSeq).toBeNull();
    // when someone rewrites who completed a task
    const [row] = await db.dataSource.query(`SELECT seq::text FROM audit_entry WHERE action = 'task.completed' ORDER BY audit_entry.seq LIMIT 1`);
    await db.dataSource.query(`UPDATE audit_entry SET actor = 'lead1' WHERE seq = $1`, [row.seq]);
    // then verify reports that seq (the admin's own verify call is read-only: it adds no entry)
    const broken = await as('admin').get('/api/audit/verify');
    expect(broken.status).toBe(200);
    expect(broken.body).toEqual({ valid: false, entries: intact.entries, firstBrokenSeq: row.seq });
  });
});
