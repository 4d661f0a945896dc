import type { DataSource } from 'typeorm';
import { createDataSource } from '../../persistence/data-source';
import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { eventually, startRecoveryApp, type RecoveryApp } from '../../test-support/recovery-app';
import { startTcpProxy, type TcpProxy } from '../../test-support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { apiClient, loginAs } from '../../test-support/test-server';

const PASSWORD = 'test-password';

/** The real product (createWerkbank) reaching its real PostgreSQL through a relay the test cuts and restores. */
describe('database outage', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let dataSource: DataSource;
  let app: RecoveryApp;
  let token: string;

  beforeAll(async () => {
    // the engine scheduler and the event router report their failed polls on stderr and keep polling: expected here
    // (and TypeORM logs the failed queries): expected here
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    dataSource = createDataSource({ url: viaProxy.toString(), poolSize: 5 });
    await dataSource.initialize();
    app = await startRecoveryApp(dataSource, { deploy: false });
    token = await loginAs(app.server.baseUrl, 'admin', PASSWORD);
  });

  afterAll(async () => {
    await app.stop();
    await dataSource.destroy();
    await proxy.close();
    await db.drop();
    jest.restoreAllMocks();
  });

  it('should report not-ready and refuse requests with 503, stay alive, and recover by itself', async () => {
    const api = apiClient(app.server.baseUrl, token);
    // given a ready product
    const before = await api.get('/api/ready');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ status: 'UP', checks: { database: 'UP', migrations: 'UP', engine: 'UP', draining: false } });
    // when the database goes away
    await proxy.cut();
    // then readiness is 503, liveness stays 200, reads and writes are 503 problem+json DATABASE_UNAVAILABLE with Retry-After
    const ready = await api.get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toBe('DOWN');
    expect((await api.get('/api/health')).status).toBe(200);
    const write = await api.post('/api/events', { specversion: '1.0', id: 'outage-1', source: '/t', type: 'debt.detected', data: {} }, { 'content-type': 'application/cloudevents+json' });
    const login = await apiClient(app.server.baseUrl).post('/api/auth/login', { username: 'agent1', password: PASSWORD });
    for (const response of [write, login, await api.get('/api/tasks')]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('DATABASE_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toBe('5');
    }
    // when the database comes back
    await proxy.restore();
    // then the product is ready again without a restart, and writes go through
    await eventually(async () => (await api.get('/api/ready')).status === 200, 'readiness after the outage');
    const after = await api.post('/api/events', { specversion: '1.0', id: 'outage-2', source: '/t', type: 'no.route', time: '2026-10-20T08:00:00Z', data: {} }, { 'content-type': 'application/cloudevents+json' });
    expect(after.status).toBe(202);
    expect((await apiClient(app.server.baseUrl).post('/api/auth/login', { username: 'agent1', password: PASSWORD })).status).toBe(200);
  });
});
