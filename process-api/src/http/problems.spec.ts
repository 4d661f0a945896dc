import { problemSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';

/** Every failure of the full app is application/problem+json with a stable code, whichever layer refuses. */
describe('problem responses of the app', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    app = await startRecoveryApp(db.dataSource, { deploy: false });
    for (const user of ['admin', 'agent1']) tokens[user] = await loginAs(app.server.baseUrl, user, PASSWORD);
  });

  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  const send = (method: string, path: string, init: { user?: string; type?: string; body?: string } = {}) =>
    fetch(`${app.server.baseUrl}${path}`, {
      method,
      headers: { ...(init.type ? { 'content-type': init.type } : {}), ...(init.user ? { authorization: `Bearer ${tokens[init.user]}` } : {}) },
      body: init.body,
    });
  const expectProblem = async (response: Response, status: number, code: string) => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = problemSchema.parse(await response.json());
    expect([response.status, body.status, body.code]).toEqual([status, status, code]);
    return body;
  };
  const batchOfSize = (bytes: number) => JSON.stringify([{ specversion: '1.0', id: 'big', source: '/x', type: 'x', data: 'x'.repeat(bytes) }]);

  it('should answer an unknown route with 404 NOT_FOUND, logged in or not', async () => {
    await expectProblem(await send('GET', '/api/no-such-thing'), 404, 'NOT_FOUND');
    await expectProblem(await send('POST', '/api/tasks/1/explode', { user: 'agent1', type: 'application/json', body: '{}' }), 404, 'NOT_FOUND');
  });

  it('should answer malformed JSON with 400 MALFORMED_JSON', async () => {
    await expectProblem(await send('POST', '/api/auth/login', { type: 'application/json', body: '{"username": "agent1",' }), 400, 'MALFORMED_JSON');
    await expectProblem(await send('POST', '/api/events', { user: 'admin', type: 'application/cloudevents+json', body: '{"id": ' }), 400, 'MALFORMED_JSON');
  });

  it('should answer a wrong content type on the event intake with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    await expectProblem(await send('POST', '/api/events', { user: 'admin', type: 'text/csv', body: 'id,type\n1,debt.detected' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('should answer a body in another media type than JSON with 415 UNSUPPORTED_MEDIA_TYPE on every JSON endpoint', async () => {
    // given bodies a JSON endpoint would not read: plain text, a form post, bytes without any content type
    const login = JSON.stringify({ username: 'agent1', password: PASSWORD });
    // when / then
    await expectProblem(await send('POST', '/api/auth/login', { type: 'text/plain', body: login }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectProblem(await send('POST', '/api/tasks/1/claim', { user: 'agent1', type: 'text/plain;charset=UTF-8', body: '{"version":0}' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectProblem(await send('POST', '/api/admin/clock/advance', { user: 'admin', type: 'application/x-www-form-urlencoded', body: 'duration=P1D' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const untyped = await fetch(`${app.server.baseUrl}/api/auth/login`, { method: 'POST', body: new TextEncoder().encode(login) });
    await expectProblem(untyped, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('should take multipart only where files are uploaded and say which media type the endpoint reads', async () => {
    // given a form with a file, sent to an endpoint that reads JSON
    const form = new FormData();
    form.append('version', '0');
    const token = await loginAs(app.server.baseUrl, 'agent1', PASSWORD);
    // when
    const response = await fetch(`${app.server.baseUrl}/api/tasks/1/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    // then it is refused for its media type, with the one the endpoint reads
    const body = await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(body.title).toBe('this endpoint reads JSON (Content-Type: application/json), the request sent multipart/form-data');
    // and a text body to the deployments, which read files, names multipart
    const text = await fetch(`${app.server.baseUrl}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'x' });
    expect((await expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE')).title).toBe('this endpoint reads JSON or files (Content-Type: application/json or multipart/form-data), the request sent text/plain');
  });

  it('should still accept a bodiless POST without a content type', async () => {
    // given a session of its own (logging out ends it)
    const token = await loginAs(app.server.baseUrl, 'agent1', PASSWORD);
    // when
    const response = await fetch(`${app.server.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    // then
    expect(response.status).toBe(204);
  });

  it('should answer a huge body with 413 PAYLOAD_TOO_LARGE', async () => {
    await expectProblem(await send('POST', '/api/auth/login', { type: 'application/json', body: JSON.stringify({ username: 'x'.repeat(2_000_000) }) }), 413, 'PAYLOAD_TOO_LARGE');
    await expectProblem(await send('POST', '/api/events', { user: 'admin', type: 'application/cloudevents-batch+json', body: batchOfSize(21_000_000) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('should answer without a session 401 UNAUTHENTICATED and with the wrong role 403 FORBIDDEN', async () => {
    for (const path of ['/api/tasks', '/api/events', '/api/cases/1', '/api/employers/0403170701', '/api/clock']) {
      await expectProblem(await send('GET', path), 401, 'UNAUTHENTICATED');
    }
    await expectProblem(await send('GET', '/api/events', { user: 'agent1' }), 403, 'FORBIDDEN');
    await expectProblem(await send('POST', '/api/events', { user: 'agent1', type: 'application/cloudevents+json', body: '{}' }), 403, 'FORBIDDEN');
    await expectProblem(await send('POST', '/api/admin/clock/advance', { user: 'agent1', type: 'application/json', body: '{"duration":"P1D"}' }), 403, 'FORBIDDEN');
    await expectProblem(await send('GET', '/api/tasks?view=all', { user: 'agent1' }), 403, 'FORBIDDEN');
  });

  it('should describe the events, employers and admin routes in the OpenAPI document too', async () => {
    const document = (await (await send('GET', '/api/openapi.json')).json()) as { paths: Record<string, object>; components: { schemas: object } };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/tasks', '/api/cases/{id}', '/api/events', '/api/employers/{enterpriseNumber}', '/api/clock', '/api/admin/clock/advance']),
    );
    expect(Object.keys(document.paths['/api/events'])).toEqual(['post', 'get']);
    expect(document.components.schemas).toHaveProperty('CloudEvent');
    expect(document.components.schemas).toHaveProperty('Problem');
  });
});
