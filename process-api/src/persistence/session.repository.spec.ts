import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { seedDemoUsers } from './seed-demo-users';
import { SessionRepository } from './session.repository';

describe('SessionRepository.findSessionUser', () => {
  let db: TestDatabase;
  let sessions: SessionRepository;
  // create() sweeps sessions expired by the database clock: the live one ends in a day, the expired one ends a second before `now`.
  const now = new Date(Date.now() + 60 * 60_000);
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, 'werkbank');
    sessions = new SessionRepository(db.dataSource);
    await sessions.create('live-hash', 'lead1', new Date(Date.now() + 24 * 60 * 60_000));
    await sessions.create('expired-hash', 'agent1', new Date(now.getTime() - 1000));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should give the profile of a live session with its groups, teams and demo flag in one read', async () => {
    // given a live session of the demo team lead
    // when it is resolved
    const found = await sessions.findSessionUser('live-hash', now);
    // then the profile is what the user directory gives for that user
    const [profile] = await db.dataSource.query(`SELECT display_name FROM app_user WHERE username = 'lead1'`);
    expect(found).toMatchObject({ demo: true, user: { username: 'lead1', displayName: profile.display_name, roles: ['team-lead'] } });
    expect(found?.user.groups.length).toBeGreaterThan(0);
    expect(found?.user.teams.length).toBeGreaterThan(0);
  });

  it('should give nothing for an expired or unknown session', async () => {
    expect(await sessions.findSessionUser('expired-hash', now)).toBeNull();
    expect(await sessions.findSessionUser('no-such-hash', now)).toBeNull();
  });
});
