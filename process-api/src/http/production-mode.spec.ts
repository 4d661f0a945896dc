import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, startTestServer, type TestServer } from '../test-support/test-server';
import { createWerkbank, type Werkbank } from '../werkbank';

/** Production: no demo data, no controllable clock, a real administrator from the environment. */
describe('production mode', () => {
  let db: TestDatabase;
  let werkbank: Werkbank;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    werkbank = await createWerkbank({
      dataSource: db.dataSource,
      modelsDir: resolve(__dirname, '../../../bpmn-models'),
      uiDir: '/nonexistent',
      production: true,
      controllableClock: false,
      demo: null,
      administrator: { username: 'root', password: 'a-long-production-password' },
      codeListsDir: resolve(__dirname, '../../data'),
    });
    server = await startTestServer(werkbank.app);
  });

  afterAll(async () => {
    await server.close();
    await werkbank.stop();
    await db.drop();
  });

  it('should seed no demo accounts or employers', async () => {
    const [{ users, employers }] = await db.dataSource.query(`SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM employer) AS employers`);
    expect({ users, employers }).toEqual({ users: 1, employers: 0 });
  });

  it('should refuse to move the clock even for the administrator', async () => {
    // given the bootstrapped administrator
    const token = await loginAs(server.baseUrl, 'root', 'a-long-production-password');
    // when asking to advance the clock
    const response = await apiClient(server.baseUrl, token).post('/api/admin/clock/advance', { duration: 'P16D' });
    // then it is refused as a problem, and the time did not move
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('CLOCK_NOT_CONTROLLABLE');
    expect(Math.abs(werkbank.engine.now().getTime() - Date.now())).toBeLessThan(5_000);
  });
});
