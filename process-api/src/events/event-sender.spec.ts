import { Router, json } from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { startRouterTestServer as startTestServer, type TestServer } from '../test-support/router-test-server';
import { EmployerRepository } from '../persistence/employer.repository';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { generateDemoQuarter } from './demo-quarter';
import { readNdjson, sendEvents } from './event-sender';
import { eventsRoutes } from './events.routes';

/** Stand-in for the auth helper's login and bearer check: admin/werkbank gets token `t0k3n`. */
function fakeAuth(): Router {
  const router = Router();
  router.post('/auth/login', json(), (req, res) => {
    if (req.body?.username !== 'admin' || req.body?.password !== 'werkbank') return void res.status(401).json({ code: 'UNAUTHENTICATED' });
    res.json({ user: { username: 'admin', displayName: 'Admin', roles: ['admin'], groups: [], teams: [], language: 'nl' }, token: 't0k3n' });
  });
  router.use((req, _res, next) => {
    if (req.header('authorization') === 'Bearer t0k3n') req.user = { username: 'admin', displayName: 'Admin', roles: ['admin'], groups: [], teams: [] };
    next();
  });
  return router;
}

describe('sendEvents', () => {
  let db: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoEmployers(db.dataSource, { count: 2000 });
    server = await startTestServer(fakeAuth(), eventsRoutes({ dataSource: db.dataSource, employers: new EmployerRepository(db.dataSource) }));
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('should post the demo quarter file in batches and report accepted and duplicate events', async () => {
    // given the demo quarter written as NDJSON
    const events = generateDemoQuarter();
    const file = join(mkdtempSync(join(tmpdir(), 'wb-events-')), 'demo-quarter.ndjson');
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n\n');
    const unique = new Set(events.map((e) => e.id)).size;
    // when sending it in batches of 100, twice
    const first = await sendEvents(readNdjson(file), { baseUrl: server.url, username: 'admin', password: 'werkbank', batchSize: 100 });
    const second = await sendEvents(readNdjson(file), { baseUrl: server.url, username: 'admin', password: 'werkbank', batchSize: 100 });
    // then every unique event is stored once and the repeats are counted as duplicates
    expect(first).toMatchObject({ sent: events.length, accepted: unique, duplicates: events.length - unique });
    expect(second).toMatchObject({ accepted: 0, duplicates: events.length });
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM inbound_event`);
    expect(count).toBe(unique);
    // and no demo event created an unknown employer
    const [{ employers }] = await db.dataSource.query(`SELECT count(*)::int AS employers FROM employer`);
    expect(employers).toBe(2000);
  });

  it('should stop with the reason when the login is refused', async () => {
    await expect(sendEvents([], { baseUrl: server.url, username: 'admin', password: 'wrong' })).rejects.toThrow('Login as admin failed: 401');
  });
});
