import bcrypt from 'bcryptjs';
import { seedDemoUsers } from '../../persistence/seed-demo-users';
import { caseDocumentsOf, employerDirectoryOf } from '../../test-support/in-memory-ports';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { apiClient, startTestServer, type TestServer } from '../../test-support/test-server';
import { createWorkbenchHarness } from '../../test-support/workbench-harness';

const PASSWORD = 'test-password';
// long enough that a loaded CI machine (scrypt at ~1 s per login) still sees the lock; the test waits it out once
const LOCK_MS = 5000;

describe('login lock-out', () => {
  let db: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  const login = (server: TestServer, username: string, password: string) => apiClient(server.baseUrl).post('/api/auth/login', { username, password });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    const deps = {
      dataSource: db.dataSource,
      engine: createWorkbenchHarness(db.dataSource).engine,
      employerDirectory: employerDirectoryOf([]),
      caseDocuments: caseDocumentsOf({}),
      production: false,
      // a short lock (the test waits out a real one) in a window no slow run outlasts
      loginThrottle: { accountMaxFailures: 5, addressMaxFailures: 12, windowMs: 10 * 60_000, lockMs: LOCK_MS },
    };
    // two API processes on one database
    first = await startTestServer(deps);
    second = await startTestServer(deps);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await db.drop();
  });

  beforeEach(async () => {
    await db.dataSource.query(`DELETE FROM login_throttle`);
  });

  it('should lock an account after 5 failures counted across processes, even for the right password, until the lock ends', async () => {
    // given 4 failures spread over two API processes
    for (const server of [first, second, first, second]) expect((await login(server, 'agent1', 'wrong')).status).toBe(401);
    // when the fifth fails
    const fifth = await login(second, 'agent1', 'wrong');
    // then the account is locked: 429 problem+json with Retry-After, on both processes, right password included
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(fifth.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const rightPassword = await login(first, 'agent1', PASSWORD);
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.headers.get('retry-after')).toBeTruthy();
    // and other accounts are not affected
    expect((await login(first, 'agent2', PASSWORD)).status).toBe(200);
    // when the lock ends
    await new Promise((r) => setTimeout(r, LOCK_MS + 100));
    // then the right password works again, and the counter is reset
    expect((await login(first, 'agent1', PASSWORD)).status).toBe(200);
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM login_throttle WHERE subject = 'account:agent1'`);
    expect(row.n).toBe(0);
  });

  it('should count concurrent failures exactly', async () => {
    // when 5 wrong logins of one account race on two processes
    const results = await Promise.all([first, second, first, second, first].map((s) => login(s, 'agent3', 'wrong')));
    // then exactly the count is stored and the account is locked
    expect(results.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429]);
    const [row] = await db.dataSource.query(`SELECT failures, locked_until FROM login_throttle WHERE subject = 'account:agent3'`);
    expect(row.failures).toBe(5);
    expect(row.locked_until).not.toBeNull();
  });

  it('should count unknown accounts like known ones, so the answer reveals nothing', async () => {
    // when an unknown name fails 5 times
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(first, 'ghost', 'wrong')).status);
    // then it is locked the same way
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('should block an address spraying many accounts, without storing the raw address', async () => {
    // when one address fails on 12 different accounts (no account reaches its own limit)
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(first, `spray${i}`, 'wrong')).status);
    // then the 12th is blocked, and the address stays blocked even for a valid login
    expect(statuses.slice(0, 11).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
    expect((await login(first, 'lead1', PASSWORD)).status).toBe(429);
    const subjects: { subject: string }[] = await db.dataSource.query(`SELECT subject FROM login_throttle WHERE subject LIKE 'ip:%'`);
    expect(subjects).toHaveLength(1);
    expect(subjects[0].subject).not.toContain('127.0.0.1');
  });

  it('should rehash a legacy bcrypt password with scrypt at the next successful login', async () => {
    // given an account still holding a bcrypt hash
    await db.dataSource.query(`UPDATE app_user SET password_hash = $1 WHERE username = 'lead2'`, [await bcrypt.hash(PASSWORD, 4)]);
    // when it logs in
    expect((await login(first, 'lead2', PASSWORD)).status).toBe(200);
    // then the stored hash is scrypt, and still accepts the password
    const [user] = await db.dataSource.query(`SELECT password_hash FROM app_user WHERE username = 'lead2'`);
    expect(user.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect((await login(second, 'lead2', PASSWORD)).status).toBe(200);
  });
});
