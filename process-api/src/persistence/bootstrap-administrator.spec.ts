import { verifyPassword } from '../application/auth/password-hashing';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { bootstrapAdministrator } from './bootstrap-administrator';

describe('bootstrapAdministrator', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should create a real administrator once and never overwrite it', async () => {
    // given an empty user table
    // when the administrator is bootstrapped twice with different passwords
    expect(await bootstrapAdministrator(db.dataSource, 'root', 'first-long-password')).toBe(true);
    expect(await bootstrapAdministrator(db.dataSource, 'root', 'second-long-password')).toBe(false);
    // then one non-demo admin exists with the first password
    const [user] = await db.dataSource.query(`SELECT roles, demo, password_hash FROM app_user WHERE username = 'root'`);
    expect(user.roles).toEqual(['admin']);
    expect(user.demo).toBe(false);
    expect(await verifyPassword('first-long-password', user.password_hash)).toBe(true);
  });

  it('should refuse a short password', async () => {
    await expect(bootstrapAdministrator(db.dataSource, 'other', 'short')).rejects.toMatchObject({ code: 'WEAK_ADMINISTRATOR_PASSWORD' });
  });
});
