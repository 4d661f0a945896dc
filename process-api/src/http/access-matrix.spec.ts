import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type ApiResponse, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, oneUserTaskBpmn, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

/**
 * The role/permission matrix of docs/roles.md, route by route and role by role, against the real engine and database.
 * Every refusal must be a 403 problem+json and leave an `access.denied` entry in the audit trail.
 */
const PASSWORD = 'test-password';
const ROLES = ['agent', 'lead', 'designer', 'admin', 'inspector', 'inspectionLead'] as const;
type Role = (typeof ROLES)[number];
const USER: Record<Role, string> = { agent: 'agent1', lead: 'lead1', designer: 'designer1', admin: 'admin', inspector: 'inspector1', inspectionLead: 'ilead1' };

type Outcome = 'ok' | 403;
interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}
interface Fixtures {
  /** A fresh task of the recovery desk (candidate group recovery-agents) or of inspection (inspectors), assigned or not. */
  task(desk: 'recovery' | 'inspection', assignee?: string): Promise<{ taskId: string; caseId: string; version: number }>;
}
interface Row {
  route: string;
  request(f: Fixtures, caller: string): Promise<Request>;
  expect: Partial<Record<Role, Outcome>>;
}

const allBut = (outcome: Outcome, others: Partial<Record<Role, Outcome>>): Record<Role, Outcome> =>
  Object.fromEntries(ROLES.map((r) => [r, others[r] ?? outcome])) as Record<Role, Outcome>;
const get = (path: string): Request => ({ method: 'GET', path });

const MATRIX: Row[] = [
  { route: 'GET /api/tasks?view=group', request: async () => get('/api/tasks?view=group'), expect: allBut('ok', { designer: 403 }) },
  { route: 'GET /api/tasks?view=all', request: async () => get('/api/tasks?view=all'), expect: allBut(403, { lead: 'ok', admin: 'ok', inspectionLead: 'ok' }) },
  { route: 'GET /api/tasks/:id (recovery)', request: async (f) => get(`/api/tasks/${(await f.task('recovery')).taskId}`), expect: allBut('ok', { designer: 403, inspector: 403 }) },
  { route: 'GET /api/tasks/:id (inspection)', request: async (f) => get(`/api/tasks/${(await f.task('inspection')).taskId}`), expect: allBut(403, { admin: 'ok', inspector: 'ok', inspectionLead: 'ok' }) },
  {
    route: 'POST /api/tasks/:id/claim (recovery)',
    request: async (f) => ({ method: 'POST', path: `/api/tasks/${(await f.task('recovery')).taskId}/claim`, body: { version: 0 } }),
    expect: allBut('ok', { designer: 403, inspector: 403, inspectionLead: 403 }),
  },
  {
    route: 'POST /api/tasks/:id/claim (inspection)',
    request: async (f) => ({ method: 'POST', path: `/api/tasks/${(await f.task('inspection')).taskId}/claim`, body: { version: 0 } }),
    expect: allBut(403, { inspector: 'ok', inspectionLead: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/unclaim (recovery, held by agent2)',
    request: async (f) => {
      const t = await f.task('recovery', 'agent2');
      return { method: 'POST', path: `/api/tasks/${t.taskId}/unclaim`, body: { version: t.version } };
    },
    expect: allBut(403, { lead: 'ok', admin: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/unclaim (inspection, held by inspector1)',
    request: async (f) => {
      const t = await f.task('inspection', 'inspector1');
      return { method: 'POST', path: `/api/tasks/${t.taskId}/unclaim`, body: { version: t.version } };
    },
    expect: allBut(403, { admin: 'ok', inspector: 'ok', inspectionLead: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/assign (recovery, to agent2)',
    request: async (f) => ({ method: 'POST', path: `/api/tasks/${(await f.task('recovery')).taskId}/assign`, body: { version: 0, assignee: 'agent2' } }),
    expect: allBut(403, { lead: 'ok', admin: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/assign (inspection, to inspector1)',
    request: async (f) => ({ method: 'POST', path: `/api/tasks/${(await f.task('inspection')).taskId}/assign`, body: { version: 0, assignee: 'inspector1' } }),
    expect: allBut(403, { admin: 'ok', inspectionLead: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/complete (recovery, held by agent1)',
    request: async (f) => {
      const t = await f.task('recovery', 'agent1');
      return { method: 'POST', path: `/api/tasks/${t.taskId}/complete`, body: { version: t.version, variables: {} } };
    },
    expect: allBut(403, { agent: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/complete (inspection, held by inspector1)',
    request: async (f) => {
      const t = await f.task('inspection', 'inspector1');
      return { method: 'POST', path: `/api/tasks/${t.taskId}/complete`, body: { version: t.version, variables: {} } };
    },
    expect: allBut(403, { inspector: 'ok' }),
  },
  {
    route: 'POST /api/tasks/:id/complete (held by the caller)',
    request: async (f, caller) => {
      const t = await f.task('recovery', caller);
      return { method: 'POST', path: `/api/tasks/${t.taskId}/complete`, body: { version: t.version, variables: {} } };
    },
    expect: allBut('ok', { designer: 403 }),
  },
  { route: 'GET /api/cases/:id (recovery)', request: async (f) => get(`/api/cases/${(await f.task('recovery')).caseId}`), expect: allBut('ok', { designer: 403 }) },
  { route: 'GET /api/cases/:id (inspection)', request: async (f) => get(`/api/cases/${(await f.task('inspection')).caseId}`), expect: allBut(403, { admin: 'ok', inspector: 'ok', inspectionLead: 'ok' }) },
  { route: 'GET /api/audit?caseId= (recovery)', request: async (f) => get(`/api/audit?caseId=${(await f.task('recovery')).caseId}`), expect: allBut(403, { lead: 'ok', admin: 'ok', inspectionLead: 'ok' }) },
  { route: 'GET /api/audit?caseId= (inspection)', request: async (f) => get(`/api/audit?caseId=${(await f.task('inspection')).caseId}`), expect: allBut(403, { admin: 'ok', inspectionLead: 'ok' }) },
  { route: 'GET /api/audit?actor=agent1', request: async () => get('/api/audit?actor=agent1'), expect: allBut(403, { lead: 'ok', admin: 'ok' }) },
  { route: 'GET /api/audit/verify', request: async () => get('/api/audit/verify'), expect: allBut(403, { admin: 'ok' }) },
  { route: 'POST /api/admin/clock/advance', request: async () => ({ method: 'POST', path: '/api/admin/clock/advance', body: { duration: 'PT1S' } }), expect: allBut(403, { admin: 'ok' }) },
  { route: 'GET /api/users?group=recovery-agents', request: async () => get('/api/users?group=recovery-agents'), expect: allBut('ok', { designer: 403, inspector: 403 }) },
  { route: 'GET /api/teams/:team/members', request: async () => get('/api/teams/recovery-north/members'), expect: allBut(403, { lead: 'ok', admin: 'ok', inspectionLead: 'ok' }) },
  { route: 'GET /api/clock', request: async () => get('/api/clock'), expect: allBut('ok', {}) },
  { route: 'POST /api/deployments', request: async () => ({ method: 'POST', path: '/api/deployments', body: { resources: [{ name: 'matrix.bpmn', content: oneUserTaskBpmn({ bpmnProcessId: 'matrix-deploy' }) }] } }), expect: allBut(403, { designer: 'ok', admin: 'ok' }) },
  { route: 'GET /api/process-definitions', request: async () => get('/api/process-definitions'), expect: allBut(403, { designer: 'ok', admin: 'ok', lead: 'ok', inspectionLead: 'ok' }) },
];

const CELLS = MATRIX.flatMap((row) => Object.entries(row.expect).map(([role, outcome]) => [row.route, role as Role, outcome, row] as const));

describe('access matrix', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  const tokens: Partial<Record<Role, string>> = {};

  const fixtures: Fixtures = {
    async task(desk, assignee) {
      const { taskId, caseId } = await harness.createTask(
        desk === 'recovery' ? {} : { bpmnProcessId: 'inspection', elementId: 'investigate', name: 'Investigate', candidateGroups: ['inspectors'] },
      );
      if (!assignee) return { taskId, caseId, version: 0 };
      const task = await harness.engine.assignUserTask(taskId, assignee, { actor: 'test-setup' });
      return { taskId, caseId, version: task.version };
    },
  };

  const deniedCount = async (username: string, subject: string): Promise<number> => {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'access.denied' AND actor = $1 AND subject_id = $2`, [username, subject]);
    return row.n;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    // seedDemoUsers includes the inspection desk (team inspection: inspector1, inspector2, ilead1 with its own groups)
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness);
    for (const role of ROLES) tokens[role] = await loginAs(server.baseUrl, USER[role], PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it.each(CELLS)('%s as %s: %s', async (_route, role, outcome, row) => {
    // given the route's fixture and the role's session
    const request = await row.request(fixtures, USER[role]);
    const subject = `${request.method} ${request.path.split('?')[0]}`;
    const deniedBefore = await deniedCount(USER[role], subject);
    // when the role calls the route
    const client = apiClient(server.baseUrl, tokens[role]);
    const response: ApiResponse = request.method === 'GET' ? await client.get(request.path) : await client.post(request.path, request.body);
    // then it is allowed (2xx), or refused with a 403 problem that is recorded in the audit trail
    if (outcome === 'ok') {
      // (the status and problem side by side, so a wrong cell says why)
      expect(response.status >= 200 && response.status < 300 ? 'ok' : `${response.status} ${JSON.stringify(response.body)}`).toBe('ok');
      expect(await deniedCount(USER[role], subject)).toBe(deniedBefore);
    } else {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 403, code: expect.stringMatching(/^(FORBIDDEN|ASSIGNEE_NOT_IN_TEAM)$/) });
      expect(await deniedCount(USER[role], subject)).toBe(deniedBefore + 1);
    }
  });

  it('should keep the audit chain intact after the whole matrix', async () => {
    const response = await apiClient(server.baseUrl, tokens.admin).get('/api/audit/verify');
    expect(response.body).toMatchObject({ valid: true, firstBrokenSeq: null });
    expect(response.body.entries).toBeGreaterThan(CELLS.length);
  });
});
