import { readOidcSettings, type OidcSettings } from '../../application/auth/oidc/oidc-settings';
import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { caseDocumentsOf, employerDirectoryOf } from '../../test-support/in-memory-ports';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { startTestOpenIdProvider, type TestOpenIdProvider } from '../../test-support/test-openid-provider';
import { apiClient, startTestServer, type TestServer } from '../../test-support/test-server';
import { createWorkbenchHarness, type WorkbenchHarness } from '../../test-support/workbench-harness';

const ROLE_MAP = {
  'wb-agents-north': { roles: ['agent'], groups: ['recovery-agents'], teams: ['recovery-north'] },
  'wb-leads-north': { roles: ['team-lead'], groups: ['recovery-agents', 'recovery-leads'], teams: ['recovery-north'] },
  'wb-designers': { roles: ['designer'] },
};
const now = () => Math.floor(Date.now() / 1000);

describe('OpenID Connect login', () => {
  let db: TestDatabase;
  let harness: WorkbenchHarness;
  let provider: TestOpenIdProvider;
  let settings: OidcSettings;
  let server: TestServer;

  async function serve(oidc: OidcSettings): Promise<TestServer> {
    const started = await startTestServer({ dataSource: db.dataSource, engine: harness.engine, employerDirectory: employerDirectoryOf([]), caseDocuments: caseDocumentsOf({}), production: false, oidc });
    // The redirect URI is known once the port is: the settings are read at request time.
    oidc.redirectUri = `${started.baseUrl}/api/auth/oidc/callback`;
    return started;
  }
  const cookieOf = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const valueOf = (cookie: string | undefined) => cookie?.split(';')[0];

  async function startLogin() {
    const response = await fetch(`${server.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
    return { status: response.status, location: new URL(response.headers.get('location') ?? ''), stateCookie: cookieOf(response, 'wb_oidc_state') };
  }
  /** The provider "logs in" `user` and redirects back: the callback URL the browser would follow. */
  async function authorize(location: URL): Promise<string> {
    const response = await fetch(location, { redirect: 'manual' });
    return response.headers.get('location') ?? '';
  }
  async function callback(url: string, cookie?: string) {
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    return { status: response.status, location: response.headers.get('location'), session: cookieOf(response, 'wb_session') };
  }
  async function loginAtProvider(user: Record<string, unknown>) {
    provider.user = user;
    const started = await startLogin();
    const callbackUrl = await authorize(started.location);
    return { ...(await callback(callbackUrl, valueOf(started.stateCookie))), callbackUrl, stateCookie: valueOf(started.stateCookie) };
  }
  const userRow = async (username: string) => (await db.dataSource.query(`SELECT username, password_hash, roles, oidc_subject FROM app_user WHERE username = $1`, [username]))[0];
  const sessionCount = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM session`))[0].n);
  const me = (cookie: string) => apiClient(server.baseUrl).get('/api/auth/me', { cookie });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, 'test-password');
    harness = createWorkbenchHarness(db.dataSource);
    provider = await startTestOpenIdProvider();
    settings = readOidcSettings(
      {
        WERKBANK_OIDC_ISSUER: provider.issuer,
        WERKBANK_OIDC_CLIENT_ID: provider.clientId,
        WERKBANK_OIDC_CLIENT_SECRET: provider.clientSecret,
        WERKBANK_OIDC_REDIRECT_URI: 'http://127.0.0.1/api/auth/oidc/callback',
        WERKBANK_OIDC_ROLES_CLAIM: 'groups',
        WERKBANK_OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
        WERKBANK_OIDC_PROVIDER_NAME: 'Test IdP',
      },
      false,
    ) as OidcSettings;
    server = await serve(settings);
  });

  afterEach(() => provider.reset());

  afterAll(async () => {
    await server.close();
    await provider.close();
    await db.drop();
  });

  it('should tell the login page that OpenID Connect is on', async () => {
    // when the login page asks
    const response = await apiClient(server.baseUrl).get('/api/auth/config');
    // then it offers the provider's button beside the password form
    expect(response.body).toEqual({ localLogin: true, oidc: { providerName: 'Test IdP', loginUrl: '/api/auth/oidc/login' } });
    // and the routes are described in the OpenAPI document
    const document = await apiClient(server.baseUrl).get('/api/openapi.json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/auth/config', '/api/auth/oidc/login', '/api/auth/oidc/callback']));
  });

  it('should redirect to the provider with PKCE, state and nonce, binding the state to the browser', async () => {
    // when a browser starts a login
    const { status, location, stateCookie } = await startLogin();
    // then it is sent to the authorization endpoint with an S256 challenge, a state and a nonce
    expect(status).toBe(302);
    expect(location.origin + location.pathname).toBe(`${provider.issuer}/authorize`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('redirect_uri')).toBe(settings.redirectUri);
    expect(stateCookie).toContain(`wb_oidc_state=${location.searchParams.get('state')}`);
    expect(stateCookie).toMatch(/HttpOnly/);
    expect(stateCookie).toMatch(/SameSite=Lax/);
  });

  it('should log a provider user in with the mapped roles, groups and team, without a password', async () => {
    // given a team lead of the north team at the provider (and a group Werkbank does not know)
    // when the whole browser round trip is made
    const result = await loginAtProvider({ sub: 'sub-lead-9', preferred_username: 'lead9', name: 'Lena Lead', groups: ['wb-leads-north', 'canteen'], locale: 'fr-BE' });
    // then the browser gets the session cookie and goes to the UI
    expect(result.status).toBe(302);
    expect(result.location).toBe('/');
    expect(result.session).toMatch(/HttpOnly/);
    expect(result.session).toMatch(/SameSite=Lax/);
    expect(provider.refusals).toEqual([]);
    // and the session is the user's with the mapped roles, candidate groups and team
    const profile = await me(valueOf(result.session) ?? '');
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({ username: 'lead9', displayName: 'Lena Lead', roles: ['team-lead'], groups: ['recovery-agents', 'recovery-leads'], teams: ['recovery-north'], language: 'fr' });
    expect(await userRow('lead9')).toEqual({ username: 'lead9', password_hash: null, roles: ['team-lead'], oidc_subject: 'sub-lead-9' });
    // and it is audited as an OpenID login
    const [audit] = await db.dataSource.query(`SELECT actor, details FROM audit_entry WHERE action = 'login.succeeded' AND actor = 'lead9'`);
    expect(audit.details).toEqual({ method: 'oidc' });
  });

  it('should update the roles of a returning user and never accept a password for them', async () => {
    // given lead9 is now an agent at the provider
    const result = await loginAtProvider({ sub: 'sub-lead-9', preferred_username: 'lead9', groups: ['wb-agents-north'] });
    // when logging in again, then the roles follow the provider
    expect((await me(valueOf(result.session) ?? '')).body.roles).toEqual(['agent']);
    // and a password login for the account is refused
    const password = await apiClient(server.baseUrl).post('/api/auth/login', { username: 'lead9', password: 'anything' });
    expect(password.status).toBe(401);
  });

  it('should refuse a callback whose state is not the browser\'s and create nothing', async () => {
    // given a login started in another browser
    provider.user = { sub: 'sub-x', preferred_username: 'stranger1', groups: ['wb-agents-north'] };
    const started = await startLogin();
    const callbackUrl = await authorize(started.location);
    const sessions = await sessionCount();
    // when the callback arrives with another state cookie, or none
    const forged = await callback(callbackUrl, 'wb_oidc_state=someone-elses-state');
    const missing = await callback(callbackUrl);
    // then both go back to the login page with a code, and nobody is created or logged in
    expect(forged).toEqual({ status: 302, location: '/login?error=OIDC_LOGIN_FAILED', session: undefined });
    expect(missing.location).toBe('/login?error=OIDC_LOGIN_FAILED');
    expect(await userRow('stranger1')).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
  });

  it('should refuse a replayed callback (code and state used once)', async () => {
    // given a successful login
    const first = await loginAtProvider({ sub: 'sub-agent-9', preferred_username: 'agent9', groups: ['wb-agents-north'] });
    expect(first.location).toBe('/');
    const sessions = await sessionCount();
    // when its callback is replayed with the same cookie
    const replay = await callback(first.callbackUrl, first.stateCookie);
    // then it is refused and no second session exists
    expect(replay.location).toBe('/login?error=OIDC_LOGIN_FAILED');
    expect(await sessionCount()).toBe(sessions);
  });

  const REFUSED_TOKENS: [string, () => Record<string, unknown>][] = [
    ['a wrong nonce', () => ({ nonce: 'not-the-nonce-we-sent' })],
    ['a wrong audience', () => ({ aud: 'another-client' })],
    ['an expired ID token', () => ({ iat: now() - 7200, exp: now() - 3600 })],
    ['another issuer', () => ({ iss: 'https://evil.example' })],
  ];
  for (const [label, overrides] of REFUSED_TOKENS) {
    it(`should refuse an ID token with ${label} and create nothing`, async () => {
      // given the provider issues a bad ID token
      provider.idTokenOverrides = overrides();
      const sessions = await sessionCount();
      // when the round trip is made
      const result = await loginAtProvider({ sub: 'sub-bad', preferred_username: 'badtoken1', groups: ['wb-agents-north'] });
      // then back to the login page, no user, no session
      expect(result).toMatchObject({ status: 302, location: '/login?error=OIDC_LOGIN_FAILED', session: undefined });
      expect(await userRow('badtoken1')).toBeUndefined();
      expect(await sessionCount()).toBe(sessions);
    });
  }

  it('should refuse an ID token signed with a key the issuer never published', async () => {
    // given the provider's answer carries a forged ID token
    provider.forgeIdTokens = true;
    // when the round trip is made, then it is refused and nobody is created
    const result = await loginAtProvider({ sub: 'sub-forged', preferred_username: 'forged1', groups: ['wb-agents-north'] });
    expect(result.location).toBe('/login?error=OIDC_LOGIN_FAILED');
    expect(await userRow('forged1')).toBeUndefined();
  });

  it('should send the PKCE verifier of the login, which the provider checks', async () => {
    // given a started login whose verifier no longer matches the challenge sent to the provider
    provider.user = { sub: 'sub-pkce', preferred_username: 'pkce1', groups: ['wb-agents-north'] };
    const started = await startLogin();
    await db.dataSource.query(`UPDATE oidc_pending_login SET code_verifier = 'x'`);
    // when the callback is followed
    const result = await callback(await authorize(started.location), valueOf(started.stateCookie));
    // then the provider refuses the exchange and the login fails
    expect(provider.refusals).toEqual(['PKCE verifier mismatch']);
    expect(result.location).toBe('/login?error=OIDC_LOGIN_FAILED');
    expect(await userRow('pkce1')).toBeUndefined();
  });

  it('should refuse a user whose roles claim maps to no Werkbank role', async () => {
    // given a provider user in groups Werkbank does not map
    const result = await loginAtProvider({ sub: 'sub-m', preferred_username: 'marketeer', groups: ['marketing'] });
    // then refused with the role code, nothing created, the attempt audited
    expect(result.location).toBe('/login?error=OIDC_NO_ROLE');
    expect(await userRow('marketeer')).toBeUndefined();
    const [audit] = await db.dataSource.query(`SELECT actor, details FROM audit_entry WHERE action = 'login.failed' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ actor: '(oidc)', details: { method: 'oidc', reason: 'OIDC_NO_ROLE' } });
  });

  it('should refuse a provider user who claims the name of a local account', async () => {
    // given a provider account called "admin" (the local administrator exists)
    const result = await loginAtProvider({ sub: 'sub-evil', preferred_username: 'admin', groups: ['wb-designers'] });
    // then refused; the local account keeps its password and roles
    expect(result.location).toBe('/login?error=OIDC_ACCOUNT_CONFLICT');
    const admin = await userRow('admin');
    expect(admin.password_hash).not.toBeNull();
    expect(admin.roles).toEqual(['admin']);
    expect(admin.oidc_subject).toBeNull();
  });

  describe('bearer access tokens', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('should accept an access token of the issuer on /api and /v2 with the mapped roles', async () => {
      // given a designer's access token
      const token = provider.accessToken({ sub: 'sub-robot', preferred_username: 'robot1', groups: ['wb-designers'] });
      // when it calls the API and the Camunda /v2 API
      const profile = await apiClient(server.baseUrl).get('/api/auth/me', bearer(token));
      const definitions = await apiClient(server.baseUrl).get('/api/process-definitions', bearer(token));
      const topology = await fetch(`${server.baseUrl}/v2/topology`, { headers: bearer(token) });
      // then it is robot1, a designer
      expect(profile.body).toMatchObject({ username: 'robot1', roles: ['designer'] });
      expect(definitions.status).toBe(200);
      expect(topology.status).toBe(200);
    });

    it('should take the client id as user name for a client-credentials token', async () => {
      // given a machine token without a user name
      const token = provider.accessToken({ sub: 'service-account', groups: ['wb-designers'] });
      // then the client is the account
      expect((await apiClient(server.baseUrl).get('/api/auth/me', bearer(token))).body).toMatchObject({ username: 'werkbank', roles: ['designer'] });
    });

    const BAD: [string, () => string][] = [
      ['a forged signature', () => provider.accessToken({ sub: 's', preferred_username: 'forger1', groups: ['wb-designers'] }, { forged: true })],
      ['alg none', () => provider.accessToken({ sub: 's', preferred_username: 'forger2', groups: ['wb-designers'] }, { alg: 'none' })],
      ['a wrong audience', () => provider.accessToken({ sub: 's', preferred_username: 'forger3', groups: ['wb-designers'], aud: 'another-api' })],
      ['an expired token', () => provider.accessToken({ sub: 's', preferred_username: 'forger4', groups: ['wb-designers'], exp: now() - 3600 })],
      ['an unmapped role', () => provider.accessToken({ sub: 's', preferred_username: 'forger5', groups: ['marketing'] })],
    ];
    for (const [label, token] of BAD) {
      it(`should refuse a bearer token with ${label} with 401 problem+json on /api and /v2`, async () => {
        // when a bad token is used
        const api = await apiClient(server.baseUrl).get('/api/auth/me', bearer(token()));
        const v2 = await fetch(`${server.baseUrl}/v2/topology`, { headers: bearer(token()) });
        // then 401 problem+json, and no account was created
        expect(api.status).toBe(401);
        expect(api.headers.get('content-type')).toContain('application/problem+json');
        expect(v2.status).toBe(401);
        expect(await db.dataSource.query(`SELECT username FROM app_user WHERE username LIKE 'forger%'`)).toEqual([]);
      });
    }
  });

  describe('without OpenID Connect configured', () => {
    it('should offer only the password form and have no OIDC routes', async () => {
      // given an installation with local accounts only
      const local = await startTestServer({ dataSource: db.dataSource, engine: harness.engine, employerDirectory: employerDirectoryOf([]), caseDocuments: caseDocumentsOf({}), production: false });
      try {
        // when the login page asks, and someone tries the OIDC login
        const config = await apiClient(local.baseUrl).get('/api/auth/config');
        const login = await fetch(`${local.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
        // then only the password form, and 404
        expect(config.body).toEqual({ localLogin: true, oidc: null });
        expect(login.status).toBe(404);
      } finally {
        await local.close();
      }
    });
  });

  describe('with password login disabled', () => {
    let closed: TestServer;

    beforeAll(async () => {
      closed = await serve({ ...settings, localLogin: false });
    });
    afterAll(() => closed.close());

    it('should refuse the password login and HTTP Basic, and tell the login page', async () => {
      // when a local account tries its password on the form and on /v2
      const form = await apiClient(closed.baseUrl).post('/api/auth/login', { username: 'admin', password: 'test-password' });
      const basic = await fetch(`${closed.baseUrl}/v2/topology`, { headers: { authorization: `Basic ${Buffer.from('admin:test-password').toString('base64')}` } });
      const config = await apiClient(closed.baseUrl).get('/api/auth/config');
      // then both are refused and the login page shows only the provider
      expect(form.status).toBe(403);
      expect(form.body.code).toBe('LOCAL_LOGIN_DISABLED');
      expect(basic.status).toBe(401);
      expect(config.body.localLogin).toBe(false);
    });
  });
});
