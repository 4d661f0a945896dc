import { taskDetailSchema, taskItemSchema, taskListSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';

const contactForm = {
  id: 'contact-employer',
  components: [
    { type: 'radio', key: 'outcome', validate: { required: true }, values: [{ label: 'Promise', value: 'PROMISE' }, { label: 'Unreachable', value: 'UNREACHABLE' }] },
    { type: 'datetime', subtype: 'date', key: 'promisedDate', conditional: { hide: '=outcome != "PROMISE"' }, validate: { required: true } },
    { type: 'textarea', key: 'note', validate: { maxLength: 20 } },
  ],
};

describe('task routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(server.baseUrl, tokens[user]);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    // an agent of another desk: same role, other candidate group
    // inspector1 (demo seed) is in the inspectors group only: an outsider to recovery tasks.
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness);
    for (const user of ['agent1', 'agent2', 'agent4', 'lead1', 'designer1', 'inspector1']) tokens[user] = await loginAs(server.baseUrl, user, PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  describe('GET /api/tasks', () => {
    let seeded: { taskId: string }[];
    beforeAll(async () => {
      // given tasks for two employers and one task of another group
      seeded = [
        await harness.createTask({ variables: { enterpriseNumber: '0403.170.701', employerName: 'Bakkerij Peeters BV', amountDueCents: 125050 }, dueDate: '2026-12-10T10:00:00Z' }),
        await harness.createTask({ variables: { enterpriseNumber: '0202239951', employerName: 'Boulangerie Dubois SRL', amountDueCents: 990000 }, dueDate: '2026-12-05T10:00:00Z' }),
        await harness.createTask({ variables: { enterpriseNumber: '0417497106', employerName: 'Garage Maes', amountDueCents: 4500 }, dueDate: '2026-12-20T10:00:00Z' }),
        await harness.createTask({ bpmnProcessId: 'inspection', elementId: 'triage', name: 'Triage', candidateGroups: ['inspectors'], variables: { enterpriseNumber: '0403170701' } }),
      ];
    });

    it('should list the group queue of the user sorted by due date with typed case columns', async () => {
      // when agent1 lists the group queue
      const response = await as('agent1').get('/api/tasks?view=group&process=amicable-recovery');
      // then the recovery tasks come sorted by due date, the inspection task is not there
      expect(response.status).toBe(200);
      const list = taskListSchema.parse(response.body);
      // three tasks, far below the bound (10,000): the total is exact
      expect(list).toMatchObject({ total: 3, totalIsExact: true });
      expect(list.items.map((t) => t.employer?.name)).toEqual(['Boulangerie Dubois SRL', 'Bakkerij Peeters BV', 'Garage Maes']);
      expect(list.items[1]).toMatchObject({ amountDue: '1250.50', employer: { enterpriseNumber: '0403170701' }, process: { bpmnProcessId: 'amicable-recovery' }, version: 0 });
      expect((await as('agent1').get('/api/tasks?view=group&process=inspection')).body.total).toBe(0);
      expect((await as('inspector1').get('/api/tasks?view=group')).body.items.map((t: { step: string }) => t.step)).toEqual(['triage']);
    });

    it('should filter on employer number or name prefix, amount and due date, sort and page', async () => {
      const byNumber = await as('agent1').get('/api/tasks?employer=0403.17');
      const byName = await as('agent1').get('/api/tasks?employer=bakkerij');
      const byAmount = await as('agent1').get('/api/tasks?amountMin=100&amountMax=5000');
      const byDue = await as('agent1').get('/api/tasks?dueAfter=2026-12-06&dueBefore=2026-12-10');
      const sorted = await as('agent1').get('/api/tasks?process=amicable-recovery&sort=amountDue&direction=desc&size=2&page=0');
      const secondPage = await as('agent1').get('/api/tasks?process=amicable-recovery&sort=amountDue&direction=desc&size=2&page=1');
      expect(byNumber.body.items.map((t: { id: string }) => t.id)).toEqual([seeded[0].taskId]);
      expect(byName.body.items.map((t: { id: string }) => t.id)).toEqual([seeded[0].taskId]);
      expect(byAmount.body.items.map((t: { id: string }) => t.id)).toEqual([seeded[0].taskId]);
      expect(byDue.body.items.map((t: { id: string }) => t.id)).toEqual([seeded[0].taskId]);
      expect(sorted.body.items.map((t: { amountDue: string }) => t.amountDue)).toEqual(['9900.00', '1250.50']);
      expect(secondPage.body).toMatchObject({ total: 3, items: [{ amountDue: '45.00' }] });
    });

    it('should treat hostile filter text as data', async () => {
      // when the employer filter carries SQL and LIKE wildcards
      const response = await as('agent1').get(`/api/tasks?employer=${encodeURIComponent("%' OR 1=1 --")}`);
      // then it simply matches nothing
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(0);
    });

    it('should refuse view=all to an agent and allow it to a team lead, without restricted inspection tasks', async () => {
      expect((await as('agent1').get('/api/tasks?view=all')).status).toBe(403);
      const all = await as('lead1').get('/api/tasks?view=all');
      expect(all.status).toBe(200);
      expect(all.body.total).toBeGreaterThanOrEqual(3);
      expect(all.body.items.map((t: { process: { bpmnProcessId: string } }) => t.process.bpmnProcessId)).not.toContain('inspection');
    });

    it('should answer a bad query with 400 naming the field, and no session with 401', async () => {
      const bad = await as('agent1').get('/api/tasks?sort=password&size=9999');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['size', 'sort']);
      expect((await apiClient(server.baseUrl).get('/api/tasks')).status).toBe(401);
    });
  });

  describe('GET /api/tasks/:id', () => {
    it('should give the task with its form and variables', async () => {
      // given a task with a form
      const { taskId } = await harness.createTask({ form: contactForm, variables: { enterpriseNumber: '0403170701', amountDueCents: 100 } });
      // when agent1 opens it
      const response = await as('agent1').get(`/api/tasks/${taskId}`);
      // then form and variables are there
      expect(response.status).toBe(200);
      const detail = taskDetailSchema.parse(response.body);
      expect(detail.form).toMatchObject({ formId: 'contact-employer', schema: contactForm });
      expect(detail.variables).toEqual({ enterpriseNumber: '0403170701', amountDueCents: 100 });
    });

    it('should answer 404 for an unknown task and 403 outside the candidate groups', async () => {
      const { taskId } = await harness.createTask();
      expect((await as('agent1').get('/api/tasks/999999')).body.code).toBe('TASK_NOT_FOUND');
      expect((await as('agent1').get('/api/tasks/not-a-number')).status).toBe(404);
      const outsider = await as('inspector1').get(`/api/tasks/${taskId}`);
      expect([outsider.status, outsider.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await as('designer1').get(`/api/tasks/${taskId}`)).status).toBe(403);
    });
  });

  describe('claim, unclaim and assign', () => {
    it('should claim with the current version and refuse stale or taken claims', async () => {
      // given an open task
      const { taskId } = await harness.createTask();
      // when agent1 claims it
      const claimed = await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      // then it is theirs with a new version
      expect(claimed.status).toBe(200);
      expect(taskItemSchema.parse(claimed.body)).toMatchObject({ assignee: 'agent1', version: 1 });
      // and a stale claim or a claim of the taken task is a conflict
      const stale = await as('agent2').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      const taken = await as('agent2').post(`/api/tasks/${taskId}/claim`, { version: 1 });
      expect([stale.status, stale.body.code]).toEqual([409, 'TASK_VERSION_CONFLICT']);
      expect([taken.status, taken.body.code]).toEqual([409, 'TASK_ALREADY_CLAIMED']);
      // and it shows in agent1's own list exactly as the claim answered it
      const mine = await as('agent1').get('/api/tasks?view=mine');
      expect(mine.body.items.find((t: { id: string }) => t.id === taskId)).toEqual(claimed.body);
      expect(claimed.body.assigneeName).toEqual(expect.any(String));
    });

    it('should change nothing when the assignee claims their task again at the version they hold', async () => {
      // given a task agent1 claimed
      const { taskId } = await harness.createTask();
      const claimed = await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      // when they claim it again with the version the claim gave them
      const again = await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: claimed.body.version });
      // then the answer is the task as it was: no new version that would make others' copies stale
      expect(again.status).toBe(200);
      expect(again.body).toEqual(claimed.body);
      const [row] = await db.dataSource.query(`SELECT version, assignee FROM user_task WHERE key = $1`, [taskId]);
      expect(row).toEqual({ version: 1, assignee: 'agent1' });
    });

    it('should refuse a claim from outside the candidate groups and of an unknown task', async () => {
      const { taskId } = await harness.createTask();
      const refused = await as('inspector1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await as('agent1').post('/api/tasks/123456789/claim', { version: 0 })).status).toBe(404);
      expect((await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 'zero' })).body.errors[0].field).toBe('version');
    });

    it('should let exactly one of 100 concurrent claims win', async () => {
      // given an open task
      const { taskId } = await harness.createTask();
      // when 100 claims race, from two agents
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => as(i % 2 === 0 ? 'agent1' : 'agent2').post(`/api/tasks/${taskId}/claim`, { version: 0 })),
      );
      // then one wins and every other gets a conflict
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(99);
      const [row] = await db.dataSource.query(`SELECT version, assignee FROM user_task WHERE key = $1`, [taskId]);
      expect(row.version).toBe(1);
      expect(['agent1', 'agent2']).toContain(row.assignee);
    });

    it('should let only the assignee or a team lead unclaim', async () => {
      // given a task claimed by agent1
      const { taskId } = await harness.createTask();
      await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      // when agent2 tries to unclaim it, then it is refused
      expect((await as('agent2').post(`/api/tasks/${taskId}/unclaim`, { version: 1 })).status).toBe(403);
      // when the lead unclaims it, then it is back in the queue
      const unclaimed = await as('lead1').post(`/api/tasks/${taskId}/unclaim`, { version: 1 });
      expect(unclaimed.status).toBe(200);
      expect(unclaimed.body).toMatchObject({ assignee: null, version: 2 });
    });

    it('should let a team lead assign to a candidate group member only', async () => {
      const { taskId } = await harness.createTask();
      const byAgent = await as('agent1').post(`/api/tasks/${taskId}/assign`, { version: 0, assignee: 'agent2' });
      const outsider = await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 0, assignee: 'designer1' });
      const assigned = await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 0, assignee: 'agent3' });
      expect(byAgent.status).toBe(403);
      expect([outsider.status, outsider.body.code]).toEqual([400, 'ASSIGNEE_NOT_IN_GROUP']);
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ assignee: 'agent3', version: 1 });
      // and a lead may reassign a claimed task
      const reassigned = await as('lead1').post(`/api/tasks/${taskId}/assign`, { version: 1, assignee: 'agent2' });
      expect(reassigned.body.assignee).toBe('agent2');
    });
  });

  describe('POST /api/tasks/:id/complete', () => {
    it('should validate the form on the server and complete once', async () => {
      // given a task with a form, claimed by agent1
      const { taskId } = await harness.createTask({ form: contactForm });
      await as('agent1').post(`/api/tasks/${taskId}/claim`, { version: 0 });
      // when someone else completes it, then it is refused
      expect((await as('agent2').post(`/api/tasks/${taskId}/complete`, { version: 1, variables: { outcome: 'UNREACHABLE' } })).status).toBe(403);
      // when agent1 sends bad data, then every problem is named
      const bad = await as('agent1').post(`/api/tasks/${taskId}/complete`, { version: 1, variables: { outcome: 'PROMISE', note: 'x'.repeat(21), admin: true } });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'promisedDate', message: 'is required' },
          { field: 'note', message: 'must have at most 20 characters' },
          { field: 'admin', message: 'is not a field of this form' },
        ]),
      );
      // when agent1 sends a stale version, then it is a conflict
      expect((await as('agent1').post(`/api/tasks/${taskId}/complete`, { version: 0, variables: { outcome: 'UNREACHABLE' } })).body.code).toBe('TASK_VERSION_CONFLICT');
      // when agent1 sends valid data (the hidden date is not required)
      const done = await as('agent1').post(`/api/tasks/${taskId}/complete`, { version: 1, variables: { outcome: 'UNREACHABLE' } });
      // then the task is completed and cannot be completed again
      expect(done.status).toBe(204);
      const again = await as('agent1').post(`/api/tasks/${taskId}/complete`, { version: 2, variables: { outcome: 'UNREACHABLE' } });
      expect([again.status, again.body.code]).toEqual([409, 'TASK_NOT_ACTIVE']);
      const [row] = await db.dataSource.query(`SELECT state, completed_by FROM user_task WHERE key = $1`, [taskId]);
      expect(row).toEqual({ state: 'COMPLETED', completed_by: 'agent1' });
    });

    it('should refuse completing an unclaimed task', async () => {
      const { taskId } = await harness.createTask();
      const response = await as('agent1').post(`/api/tasks/${taskId}/complete`, { version: 0, variables: {} });
      expect([response.status, response.body.code]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('assignee lists and the API description', () => {
    it('should list any group and team members for a team lead, only own groups for an agent', async () => {
      const group = await as('lead1').get('/api/users?group=recovery-agents');
      const team = await as('lead1').get('/api/teams/recovery-north/members');
      expect(group.body.map((m: { username: string }) => m.username).sort()).toEqual(['admin', 'agent1', 'agent2', 'agent3', 'agent4', 'agent5', 'agent6', 'lead1', 'lead2']);
      expect(team.body).toContainEqual({ username: 'agent3', displayName: 'Nathalie Dubois' });
      expect((await as('agent1').get('/api/users?group=recovery-leads')).status).toBe(403);
      expect((await as('lead1').get('/api/users')).status).toBe(400);
    });

    it('should describe every route in the OpenAPI document', async () => {
      const response = await apiClient(server.baseUrl).get('/api/openapi.json');
      expect(response.body.openapi).toBe('3.1.0');
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/tasks', '/api/tasks/{id}', '/api/tasks/{id}/claim', '/api/tasks/{id}/unclaim', '/api/tasks/{id}/assign', '/api/tasks/{id}/complete', '/api/cases/{id}', '/api/users', '/api/teams/{team}/members']),
      );
      // the task list says whether its total is exact or capped
      expect(response.body.components.schemas.TaskList).toMatchObject({ required: ['items', 'total', 'totalIsExact'], properties: { totalIsExact: { type: 'boolean' } } });
    });
  });
});
