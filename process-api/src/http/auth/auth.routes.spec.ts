import { createHash } from 'node:crypto';
import { Router } from 'express';
import { requireRole } from './require-role';
import { currentUserSchema, loginResponseSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { caseDocumentsOf, employerDirectoryOf } from '../../test-support/in-memory-ports';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { apiClient, startTestServer, type TestServer } from '../../test-support/test-server';
import { createWorkbenchHarness } from '../../test-support/workbench-harness';

const PASSWORD = 'test-password';

describe('auth routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let production: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    const deps = {
      dataSource: db.dataSource,
      engine: createWorkbenchHarness(db.dataSource).engine,
      employerDirectory: employerDirectoryOf([]),
      caseDocuments: caseDocumentsOf({}),
    };
    // a feature router of another module, mounted after authentication
    const probe = Router().get('/probe', requireRole('agent'), (req, res) => {
      res.json({ username: req.user?.username });
    });
    server = await startTestServer({ ...deps, production: false, apiRouters: [probe] });
    production = await startTestServer({ ...deps, production: true });
  });

  afterAll(async () => {
    await server.close();
    await production.close();
    await db.drop();
  });

  it('should log in, set an httpOnly SameSite=Lax cookie and store only the token hash', async () => {
    // when agent1 logs in
    const response = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent1', password: PASSWORD });
    // then the answer follows the contract and carries a session cookie
    expect(response.status).toBe(200);
    const body = loginResponseSchema.parse(response.body);
    expect(body.user).toMatchObject({ username: 'agent1', roles: ['agent'], groups: ['recovery-agents'], teams: ['recovery-north'] });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^wb_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // and the database holds the SHA-256 of the token, never the token itself
    const rows = await db.dataSource.query(`SELECT token_hash FROM session WHERE username = 'agent1'`);
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).toContain(createHash('sha256').update(body.token).digest('hex'));
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(body.token);
  });

  it('should accept the session by cookie and by bearer token, and end it on logout', async () => {
    // given a logged-in lead
    const login = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'lead1', password: PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    // when asking who they are, by cookie and by bearer
    const byCookie = await apiClient(server.baseUrl).get('/api/auth/me', { cookie });
    const byBearer = await apiClient(server.baseUrl, login.body.token).get('/api/auth/me');
    // then both answer the user
    expect(byCookie.status).toBe(200);
    expect(currentUserSchema.parse(byCookie.body)).toMatchObject({ username: 'lead1', roles: ['team-lead'], language: 'nl' });
    expect(byBearer.body.username).toBe('lead1');
    // when logging out
    expect((await apiClient(server.baseUrl, login.body.token).post('/api/auth/logout')).status).toBe(204);
    // then the session no longer works
    const after = await apiClient(server.baseUrl, login.body.token).get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('should authenticate the routers of other modules too', async () => {
    // given a logged-in agent
    const token = (await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent2', password: PASSWORD })).body.token;
    // when calling another module's route with and without the session
    const withSession = await apiClient(server.baseUrl, token).get('/api/probe');
    const without = await apiClient(server.baseUrl).get('/api/probe');
    // then the user is known there, and required
    expect(withSession.body).toEqual({ username: 'agent2' });
    expect(without.status).toBe(401);
  });

  it('should answer unknown user and wrong password the same way', async () => {
    // when logging in wrongly in both ways
    const wrongPassword = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent1', password: 'nope' });
    const unknownUser = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'ghost', password: 'nope' });
    // then both are the same 401 problem
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('should answer malformed and incomplete bodies with 400', async () => {
    // when sending broken JSON and a body without password
    const malformed = await apiClient(server.baseUrl).post('/api/auth/login', '{"username": "agent1", ');
    const incomplete = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent1' });
    // then both are client errors naming the problem
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('VALIDATION_FAILED');
    expect(incomplete.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('should refuse demo accounts in production with a Secure cookie setting', async () => {
    // when a demo account logs in to a production server
    const response = await apiClient(production.baseUrl).post('/api/auth/login', { username: 'admin', password: PASSWORD });
    // then it is refused
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('DEMO_ACCOUNT_DISABLED');
    // and a demo session created before is not honoured either
    const token = (await apiClient(server.baseUrl).post('/api/auth/login', { username: 'admin', password: PASSWORD })).body.token;
    expect((await apiClient(production.baseUrl, token).get('/api/auth/me')).status).toBe(401);
  });

  it('should mark production cookies Secure for a real account', async () => {
    // given a non-demo account
    await db.dataSource.query(`UPDATE app_user SET demo = false WHERE username = 'designer1'`);
    // when it logs in to production
    const response = await apiClient(production.baseUrl).post('/api/auth/login', { username: 'designer1', password: PASSWORD });
    // then the cookie is Secure
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('should seed demo users idempotently', async () => {
    // when seeding again
    await seedDemoUsers(db.dataSource, 'other');
    // then nothing is duplicated and the teams are as described
    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM team) AS teams,
              (SELECT count(*)::int FROM team_member WHERE team = 'recovery-north') AS north,
              (SELECT count(*)::int FROM team_member WHERE team = 'recovery-south' AND is_lead) AS south_leads,
              (SELECT count(*)::int FROM team_member WHERE team = 'inspection') AS inspection`,
    );
    expect(counts).toEqual({ users: 13, teams: 3, north: 4, south_leads: 1, inspection: 3 });
  });
});
