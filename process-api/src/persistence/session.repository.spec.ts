import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

describe('SessionRepository.findUser', () => {
  let db: TestDatabase;
  let sessions: SessionRepository;
  // sessions are created relative to the real clock (creating one sweeps those expired by then) and read at `now`
  const hour = 3_600_000;
  const now = new Date(Date.now() + 1.5 * hour);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, 'test-password');
    sessions = new SessionRepository(db.dataSource);
    // given, at `now`, a live session of lead1 and an expired one of agent1
    await sessions.create('a'.repeat(64), 'lead1', new Date(now.getTime() + hour));
    await sessions.create('b'.repeat(64), 'agent1', new Date(now.getTime() - hour / 2));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should give the profile of a live session in the shape the user directory gives it', async () => {
    // when the live session is looked up
    const user = await sessions.findUser('a'.repeat(64), now);
    // then it is lead1 with the roles, groups and teams of the directory
    expect(user).toEqual(await new UserRepository(db.dataSource).findProfile('lead1'));
    expect(user?.groups.length).toBeGreaterThan(0);
    expect(user?.teams.length).toBeGreaterThan(0);
  });

  it('should give nobody for an expired or unknown session', async () => {
    expect(await sessions.findUser('b'.repeat(64), now)).toBeNull();
    expect(await sessions.findUser('c'.repeat(64), now)).toBeNull();
  });
});
