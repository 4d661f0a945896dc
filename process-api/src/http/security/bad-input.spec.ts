import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { startRecoveryApp, type RecoveryApp } from '../../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { loginAs } from '../../test-support/test-server';
import { createWorkbenchHarness } from '../../test-support/workbench-harness';

const PASSWORD = 'test-password';
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

interface Attempt {
  name: string;
  contentType: string;
  body: string;
}

/** Hostile bodies every write route must refuse (or ignore) with a 4xx problem, never a 500. */
function attempts(): Attempt[] {
  const json = 'application/json';
  const huge = 'x'.repeat(2 * 1024 * 1024);
  return [
    { name: 'malformed JSON', contentType: json, body: '{"version": 1, ' },
    { name: 'JSON with a trailing garbage', contentType: json, body: '{"version": 1} trailing' },
    { name: 'a JSON array', contentType: json, body: '[1,2,3]' },
    { name: 'a JSON string', contentType: json, body: '"text"' },
    { name: 'JSON null', contentType: json, body: 'null' },
    { name: 'wrong types', contentType: json, body: JSON.stringify({ version: 'one', variables: 'none', assignee: 42, duration: true, username: [], password: {} }) },
    { name: 'negative and fractional numbers', contentType: json, body: JSON.stringify({ version: -1.5, assignee: 'agent2' }) },
    { name: 'an unknown field', contentType: json, body: JSON.stringify({ version: 0, assignee: 'agent2', variables: {}, duration: 'P1D', username: 'a', password: 'b', unexpectedField: 1 }) },
    { name: 'a prototype pollution attempt', contentType: json, body: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
    { name: 'deeply nested JSON', contentType: json, body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
    { name: 'a 2 MB string field', contentType: json, body: JSON.stringify({ version: 0, assignee: huge, username: huge, password: huge, duration: huge }) },
    { name: 'a 2 MB body of another media type', contentType: 'text/plain', body: huge },
    { name: 'an unsupported charset', contentType: 'application/json; charset=utf-7', body: '{}' },
    { name: 'an empty body', contentType: json, body: '' },
  ];
}

/** Walks the OpenAPI document's write routes of the real product and sends each hostile body to each. */
describe('bad input on every write route', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  let taskId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    app = await startRecoveryApp(db.dataSource, { deploy: false });
    ({ taskId } = await createWorkbenchHarness(db.dataSource).createTask({ candidateGroups: ['recovery-agents'] }));
    for (const user of ['admin', 'agent1']) tokens[user] = await loginAs(app.server.baseUrl, user, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('should answer every hostile body with a 4xx problem+json, never a 5xx', async () => {
    // given the write routes the API documents
    const document = (await (await fetch(`${app.server.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => WRITE_METHODS.includes(m))
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, taskId) })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    // when sending each hostile body to each route, as an admin and as an agent
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const route of routes) {
      for (const user of ['admin', 'agent1']) {
        for (const attempt of attempts()) {
          const response = await fetch(`${app.server.baseUrl}${route.path}`, {
            method: route.method,
            headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': attempt.contentType },
            body: attempt.body,
          });
          sent++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const type = response.headers.get('content-type') ?? '';
          const text = await response.text();
          // then: a client error, as problem+json (logout answers 204 whatever the body: it reads none)
          const ok = response.status === 204 || (response.status >= 400 && response.status < 500 && type.includes('application/problem+json'));
          if (!ok) failures.push(`${route.method} ${route.path} as ${user} with ${attempt.name}: ${response.status} ${text.slice(0, 200)}`);
          if (route.path === '/api/auth/logout' && response.status === 204) tokens[user] = await loginAs(app.server.baseUrl, user, PASSWORD);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(routes.length * 2 * attempts().length);
    // the figures for docs/reliability.md
    process.stdout.write(`bad-input walk: ${routes.length} write routes, ${sent} hostile requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 120_000);

  it('should name the unknown field and the mistyped field', async () => {
    // when completing a task with an unknown field and claiming it with a wrong type
    const post = (path: string, body: unknown) =>
      fetch(`${app.server.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${tokens['agent1']}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const unknown = await post(`/api/tasks/${taskId}/complete`, { version: 0, variables: {}, sneaky: true });
    const mistyped = await post(`/api/tasks/${taskId}/claim`, { version: 'zero' });
    // then the problems name them
    expect(unknown).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'sneaky' })] });
    expect(mistyped).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'version' })] });
  });

  it('should refuse an overlong URL with 414', async () => {
    // when a URL of 5000 characters arrives
    const response = await fetch(`${app.server.baseUrl}/api/tasks?q=${'a'.repeat(5000)}`, { headers: { authorization: `Bearer ${tokens['agent1']}` } });
    // then it is refused before routing
    expect(response.status).toBe(414);
    expect(((await response.json()) as { code: string }).code).toBe('REQUEST_URL_TOO_LONG');
  });
});
