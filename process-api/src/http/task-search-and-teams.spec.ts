import { taskDetailSchema, taskListSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';

describe('task list employer search, assignee names and team-bound assignment', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(server.baseUrl, tokens[user]);
  const ids = (body: { items: { id: string }[] }) => body.items.map((t) => t.id).sort();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness);
    for (const user of ['agent1', 'agent4', 'lead1', 'admin', 'designer1']) tokens[user] = await loginAs(server.baseUrl, user, PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  describe('GET /api/tasks?employer=', () => {
    let goossens: string;
    let lefebvre: string;
    let eclair: string;
    beforeAll(async () => {
      // given three employers, one name with accents
      goossens = (await harness.createTask({ variables: { enterpriseNumber: '0437554033', employerName: 'Taverne Goossens VOF' } })).taskId;
      lefebvre = (await harness.createTask({ variables: { enterpriseNumber: '0403170701', employerName: 'Boucherie Lefèbvre SPRL' } })).taskId;
      eclair = (await harness.createTask({ variables: { enterpriseNumber: '0202239951', employerName: 'Éclair Nettoyage SA' } })).taskId;
    });

    it('should find a name by a case- and accent-insensitive part of it', async () => {
      expect(ids((await as('agent1').get('/api/tasks?employer=Goossens')).body)).toEqual([goossens]);
      expect(ids((await as('agent1').get('/api/tasks?employer=lefebvre')).body)).toEqual([lefebvre]);
      expect(ids((await as('agent1').get(`/api/tasks?employer=${encodeURIComponent('LEFÈBVRE spr')}`)).body)).toEqual([lefebvre]);
      expect(ids((await as('agent1').get('/api/tasks?employer=eclair')).body)).toEqual([eclair]);
      expect(ids((await as('agent1').get('/api/tasks?employer=xyz')).body)).toEqual([]);
    });

    it('should find an enterprise number written in any form, and by a prefix of four or more digits', async () => {
      for (const written of ['BE 0437 554 033', '0437.554.033', 'be0437554033', '0437554033', '0437.55']) {
        const response = await as('agent1').get(`/api/tasks?employer=${encodeURIComponent(written)}`);
        expect([written, ids(response.body)]).toEqual([written, [goossens]]);
      }
    });

    it('should sort by employer name ignoring accents', async () => {
      const response = await as('agent1').get('/api/tasks?sort=employerName&direction=asc');
      const names = taskListSchema.parse(response.body).items.map((t) => t.employer?.name);
      expect(names).toEqual(['Boucherie Lefèbvre SPRL', 'Éclair Nettoyage SA', 'Taverne Goossens VOF']);
    });

    it('should search through the trigram index on a large table', async () => {
      // given 10 000 task rows of varied employers, in a transaction that is rolled back
      const runner = db.dataSource.createQueryRunner();
      await runner.startTransaction();
      let plan: unknown;
      try {
        await runner.query(`
          INSERT INTO user_task (key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key,
                                 root_process_instance_key, state, created_at, employer_name)
          SELECT 9000000000 + g, 'contact-employer', 9000000000 + g, 'Contact', 'amicable-recovery', 1, 1, 1, 'CREATED', now(), 'Employer ' || md5(g::text)
            FROM generate_series(1, 10000) g`);
        await runner.query(`ANALYZE user_task`);
        // when the repository's name filter is planned
        plan = await runner.query(`EXPLAIN SELECT key FROM user_task WHERE employer_search LIKE '%' || werkbank_fold($1) || '%'`, ['goossens']);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      // then it uses the trigram index, not a scan of every row
      expect(JSON.stringify(plan)).toContain('user_task_employer_search_trgm_idx');
    });
  });

  describe('assignee names and group members', () => {
    it('should give the assignee display name with each task item and in the task detail', async () => {
      // given a task claimed by agent1 and an open one
      const { taskId } = await harness.createTask({ variables: { enterpriseNumber: '0417497106', employerName: 'Garage Maes' } });
      await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      // when agent1 lists the tasks and opens one
      const mine = taskListSchema.parse((await as('agent1').get('/api/tasks?view=mine')).body);
      const detail = taskDetailSchema.parse((await as('agent1').get(`/api/tasks/${taskId}`)).body);
      const queue = taskListSchema.parse((await as('agent1').get('/api/tasks?view=group')).body);
      // then the assignee comes with the name people know them by
      expect(mine.items.find((t) => t.id === taskId)).toMatchObject({ assignee: 'agent1', assigneeName: 'Sofie Peeters' });
      expect(detail).toMatchObject({ assignee: 'agent1', assigneeName: 'Sofie Peeters' });
      expect(queue.items.filter((t) => t.assignee === null).every((t) => t.assigneeName === null)).toBe(true);
      expect(queue.items.filter((t) => t.assignee === null).length).toBeGreaterThan(0);
    });

    it('should let an agent list the members of their own groups only', async () => {
      const own = await as('agent1').get('/api/users?group=recovery-agents');
      expect(own.status).toBe(200);
      expect(own.body).toContainEqual({ username: 'agent4', displayName: 'Julien Lambert' });
      const other = await as('agent1').get('/api/users?group=recovery-leads');
      expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await as('designer1').get('/api/users?group=recovery-agents')).status).toBe(403);
      expect((await as('lead1').get('/api/users?group=inspectors')).status).toBe(200);
      expect((await apiClient(server.baseUrl).get('/api/users?group=recovery-agents')).status).toBe(401);
    });

    it('should list only the members of the caller’s teams with team=mine', async () => {
      const north = await as('lead1').get('/api/users?group=recovery-agents&team=mine');
      expect(north.body.map((m: { username: string }) => m.username).sort()).toEqual(['agent1', 'agent2', 'agent3', 'lead1']);
      expect((await as('lead1').get('/api/users?group=recovery-agents&team=theirs')).status).toBe(400);
    });
  });

  describe('POST /api/tasks/:id/assign across teams', () => {
    it('should refuse a team lead assigning outside their teams and let an administrator do it', async () => {
      // given an open recovery task; agent4 is in the south team, lead1 leads the north team
      const { taskId } = await harness.createTask();
      // when lead1 assigns it to agent4, then it is refused
      const refused = await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 0, assignee: 'agent4' });
      expect([refused.status, refused.body.code]).toEqual([403, 'ASSIGNEE_NOT_IN_TEAM']);
      // when lead1 assigns it within the team, then it is assigned
      const own = await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 0, assignee: 'agent3' });
      expect(own.body).toMatchObject({ assignee: 'agent3', assigneeName: 'Nathalie Dubois', version: 1 });
      // when the administrator assigns it to agent4, then that is allowed
      const byAdmin = await as('admin').post(`/api/tasks/${taskId}/assign`, { version: 1, assignee: 'agent4' });
      expect(byAdmin.body).toMatchObject({ assignee: 'agent4', version: 2 });
    });
  });
});
