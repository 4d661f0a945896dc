import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { caseDocumentsOf, employerDirectoryOf } from '../../test-support/in-memory-ports';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { apiClient, startTestServer, type TestServer } from '../../test-support/test-server';
import { createWorkbenchHarness } from '../../test-support/workbench-harness';
import { createApp } from '../app';
import { setLogSink } from './json-log';

const PASSWORD = 'test-password';

/** The cookies a login sets, as a browser would send them back. */
async function browserLogin(baseUrl: string, username: string) {
  const response = await apiClient(baseUrl).post('/api/auth/login', { username, password: PASSWORD });
  const cookies = Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
  return { cookie: `wb_session=${cookies['wb_session']}; wb_csrf=${cookies['wb_csrf']}`, csrf: cookies['wb_csrf'], token: response.body.token as string, setCookies: response.headers.getSetCookie() };
}

describe('session security', () => {
  let db: TestDatabase;
  let server: TestServer;
  let ui: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    const deps = {
      dataSource: db.dataSource,
      engine: createWorkbenchHarness(db.dataSource).engine,
      employerDirectory: employerDirectoryOf([]),
      caseDocuments: caseDocumentsOf({}),
      production: false,
    };
    server = await startTestServer(deps);
    // a built UI stand-in: the index.html of the Angular build carries the nonce placeholder
    const uiDir = mkdtempSync(join(tmpdir(), 'wb-ui-'));
    writeFileSync(join(uiDir, 'index.html'), '<html><head><style nonce="WERKBANK_CSP_NONCE">b{}</style></head><body><wb-root ngCspNonce="WERKBANK_CSP_NONCE"></wb-root></body></html>');
    ui = await startTestServer(createApp({ ...deps, uiDir, security: { hsts: true } }));
  });

  afterAll(async () => {
    await server.close();
    await ui.close();
    await db.drop();
  });

  describe('CSRF', () => {
    it('should set a readable wb_csrf cookie beside the httpOnly session cookie at login', async () => {
      // when logging in
      const { setCookies } = await browserLogin(server.baseUrl, 'agent1');
      // then the CSRF cookie is readable by the UI script, the session cookie is not
      expect(setCookies.find((c) => c.startsWith('wb_session='))).toMatch(/HttpOnly/);
      const csrf = setCookies.find((c) => c.startsWith('wb_csrf='));
      expect(csrf).toMatch(/SameSite=Lax/);
      expect(csrf).not.toMatch(/HttpOnly/);
    });

    it('should refuse a cookie-authenticated write without or with a wrong X-CSRF-Token', async () => {
      // given a browser session
      const { cookie } = await browserLogin(server.baseUrl, 'agent1');
      // when writing without the header, and with a forged one
      const without = await apiClient(server.baseUrl).post('/api/auth/logout', {}, { cookie });
      const forged = await apiClient(server.baseUrl).post('/api/auth/logout', {}, { cookie, 'x-csrf-token': 'forged' });
      // then both are 403 problem+json and the session still works
      for (const response of [without, forged]) {
        expect(response.status).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('CSRF_TOKEN_INVALID');
      }
      expect((await apiClient(server.baseUrl).get('/api/auth/me', { cookie })).status).toBe(200);
    });

    it('should accept a cookie-authenticated write that echoes the token', async () => {
      // given a browser session
      const { cookie, csrf } = await browserLogin(server.baseUrl, 'agent2');
      // when logging out with the header
      const response = await apiClient(server.baseUrl).post('/api/auth/logout', {}, { cookie, 'x-csrf-token': csrf });
      // then it worked
      expect(response.status).toBe(204);
      expect((await apiClient(server.baseUrl).get('/api/auth/me', { cookie })).status).toBe(401);
    });

    it('should not accept the token of another session', async () => {
      // given two sessions
      const mine = await browserLogin(server.baseUrl, 'agent1');
      const theirs = await browserLogin(server.baseUrl, 'agent3');
      // when one sends the other's token (a cookie planted by a sibling domain)
      const response = await apiClient(server.baseUrl).post('/api/auth/logout', {}, { cookie: `wb_session=${mine.cookie.split(';')[0].split('=')[1]}; wb_csrf=${theirs.csrf}`, 'x-csrf-token': theirs.csrf });
      // then it is refused
      expect(response.status).toBe(403);
    });

    it('should refuse a cross-origin write even with the token, and exempt bearer clients', async () => {
      // given a browser session and an API client
      const { cookie, csrf, token } = await browserLogin(server.baseUrl, 'lead1');
      // when a foreign origin writes, and a bearer client writes without any CSRF header
      const crossOrigin = await apiClient(server.baseUrl).post('/api/auth/logout', {}, { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' });
      const crossOriginLogin = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'lead1', password: PASSWORD }, { origin: 'https://evil.example' });
      const bearer = await apiClient(server.baseUrl, token).post('/api/auth/logout', {});
      // then the foreign origin is refused (also for login CSRF), the bearer client is not
      expect(crossOrigin.status).toBe(403);
      expect(crossOrigin.body.code).toBe('CSRF_ORIGIN_REFUSED');
      expect(crossOriginLogin.status).toBe(403);
      expect(bearer.status).toBe(204);
    });

    it('should reissue the CSRF cookie to a cookie session that lacks it', async () => {
      // given a session cookie without CSRF cookie (a session from before this version)
      const { cookie, csrf } = await browserLogin(server.baseUrl, 'agent4');
      // when the UI reads something
      const response = await apiClient(server.baseUrl).get('/api/auth/me', { cookie: cookie.split(';')[0] });
      // then the answer carries the CSRF cookie of the session
      expect(response.headers.getSetCookie().find((c) => c.startsWith('wb_csrf='))).toContain(`wb_csrf=${csrf};`);
    });
  });

  describe('headers', () => {
    it('should send helmet headers and a strict CSP on API answers, without X-Powered-By or HSTS over HTTP', async () => {
      // when calling the API of a server configured without HTTPS
      const response = await apiClient(server.baseUrl).get('/api/health');
      // then
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    });

    it('should serve index.html with a fresh nonce in the CSP and the page, and HSTS when configured', async () => {
      // when loading the UI twice from a server configured for HTTPS
      const first = await fetch(`${ui.baseUrl}/tasks`);
      const second = await fetch(`${ui.baseUrl}/`);
      const html = await first.text();
      // then the page's nonce is the one the CSP allows, and it changes per response
      const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(first.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeTruthy();
      expect(html).toContain(`ngCspNonce="${nonce}"`);
      expect(html).toContain(`<style nonce="${nonce}">`);
      expect(html).not.toContain('WERKBANK_CSP_NONCE');
      expect(await second.text()).not.toContain(nonce);
      expect(first.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    });
  });

  describe('logs', () => {
    it('should log one JSON line per request with the request id, and never the password, token or cookies', async () => {
      // given captured log lines
      const lines: Record<string, unknown>[] = [];
      const previous = setLogSink((entry) => lines.push(entry));
      try {
        // when logging in with a request id, then calling with the session
        const login = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent5', password: PASSWORD }, { 'x-request-id': 'req-123' });
        const failed = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent5', password: 'Wrong-Secret-42' });
        await apiClient(server.baseUrl, login.body.token).get('/api/auth/me?secret=query');
        // then the id came back, every request has its line with its fields
        expect(login.headers.get('x-request-id')).toBe('req-123');
        expect(failed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(lines).toEqual([
          expect.objectContaining({ level: 'info', requestId: 'req-123', method: 'POST', path: '/api/auth/login', status: 200, user: null, ms: expect.any(Number), time: expect.any(String) }),
          expect.objectContaining({ level: 'warn', method: 'POST', path: '/api/auth/login', status: 401 }),
          expect.objectContaining({ level: 'info', method: 'GET', path: '/api/auth/me', status: 200, user: 'agent5' }),
        ]);
        // and no secret appears anywhere
        const text = JSON.stringify(lines);
        for (const secret of [PASSWORD, 'Wrong-Secret-42', login.body.token, 'secret=query', 'wb_session']) expect(text).not.toContain(secret);
      } finally {
        setLogSink(previous);
      }
    });
  });
});
