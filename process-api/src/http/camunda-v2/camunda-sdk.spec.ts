import { Camunda8 } from '@camunda8/sdk';
import * as c88 from '@camunda/camunda-api-zod-schemas/8.8';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createWerkbank, type Werkbank } from '../../werkbank';
import { corporaDir } from '../../test-support/corpora';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { apiClient, loginAs, startTestServer, type TestServer } from '../../test-support/test-server';

const PASSWORD = 'werkbank';
const MODELS = resolve(__dirname, '../../../../bpmn-models');
const FIXTURES = resolve(__dirname, '../../engine/embedded/fixtures');

/** A running Werkbank driven by Camunda's own SDK (CamundaRestClient, BASIC auth), answers checked against Camunda's zod schemas. */
describe('the /v2 Camunda 8.8 REST API through @camunda8/sdk', () => {
  let db: TestDatabase;
  let werkbank: Werkbank;
  let server: TestServer;
  const client = (username: string) =>
    new Camunda8({
      CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: PASSWORD,
      ZEEBE_REST_ADDRESS: server.baseUrl, CAMUNDA_LOG_LEVEL: 'none',
    }).getCamundaRestClient();
  const file = (dir: string, name: string) => ({ name, content: readFileSync(resolve(dir, name), 'utf8') });
  const eventually = async <T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const value = await probe();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    werkbank = await createWerkbank({
      dataSource: db.dataSource, modelsDir: MODELS, uiDir: '/nonexistent', production: false, controllableClock: true,
      deployModels: false, demo: { password: PASSWORD, cases: false },
    });
    server = await startTestServer(werkbank.app);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await werkbank.stop();
    await db.drop();
  });

  it('should answer the topology and refuse bad credentials with a Camunda problem', async () => {
    c88.getTopologyResponseBodySchema.parse(await client('admin').getTopology());
    const response = await fetch(`${server.baseUrl}/v2/topology`, { headers: { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` } });
    expect(response.status).toBe(401);
    expect(c88.problemDetailResponseSchema.parse(await response.json())).toMatchObject({ type: 'about:blank', title: 'UNAUTHORIZED', status: 401, instance: '/v2/topology' });
    // the bearer token of Werkbank's own API works too
    const token = await loginAs(server.baseUrl, 'lead1', PASSWORD);
    expect((await fetch(`${server.baseUrl}/v2/topology`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('should lock an account guessed through Basic credentials like the login route does', async () => {
    const basic = (password: string) => fetch(`${server.baseUrl}/v2/topology`, { headers: { authorization: `Basic ${Buffer.from(`agent6:${password}`).toString('base64')}` } });
    // when 5 wrong passwords are tried through /v2 (the fifth failure locks, as on the login route)
    for (let i = 0; i < 4; i++) expect((await basic(`guess-${i}`)).status).toBe(401);
    expect((await basic('guess-4')).status).toBe(429);
    // then the right one is refused too while the lock lasts, and the login route sees the same lock
    const locked = await basic(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect((await apiClient(server.baseUrl).post('/api/auth/login', { username: 'agent6', password: PASSWORD })).status).toBe(429);
  });

  it('should deploy the recovery process with its forms and corpus models, but not for an agent', async () => {
    const resources = [file(MODELS, 'recovery.bpmn'), ...['contact-employer', 'review-dispute', 'prepare-transfer', 'approve-transfer', 'claim-insolvency'].map((f) => file(MODELS, `${f}.form`)),
      ...['sdk_message-correlation.bpmn', 'sdk_conditional-pathway_xor.bpmn'].map((f) => file(resolve(corporaDir(), 'zeebe'), f)), file(FIXTURES, 'timer-catch.bpmn')];
    const deployment = await client('designer1').deployResources(resources);
    expect(deployment.processes.map((p) => p.processDefinitionId).sort()).toEqual(['condition-test', 'message-correlation-test', 'recovery', 'timer-catch']);
    expect(deployment.forms).toHaveLength(5);
    for (const p of deployment.processes) c88.processDeploymentSchema.parse(p);
    for (const f of deployment.forms) c88.formDeploymentSchema.parse(f);
    await expect(client('agent1').deployResources([file(FIXTURES, 'timer-catch.bpmn')])).rejects.toMatchObject({ statusCode: 403 });
    const definitions = await client('admin').searchProcessDefinitions({ filter: { processDefinitionId: 'recovery' } } as never);
    c88.queryProcessDefinitionsResponseBodySchema.parse(definitions);
    const xml = await client('admin').getProcessDefinitionXML(definitions.items[0].processDefinitionKey);
    expect(String(xml)).toContain('<bpmn:process id="recovery"');
  });

  it('should run jobs with createJobWorker, return a result and raise and resolve an incident', async () => {
    const sdk = client('designer1');
    let failFirst = true;
    const worker = sdk.createJobWorker({
      type: 'pathA', worker: 'sdk-test', timeout: 30_000, maxJobsToActivate: 5, pollIntervalMs: 100,
      jobHandler: (job) => {
        if (failFirst) {
          failFirst = false;
          return job.fail({ errorMessage: 'first attempt fails', retries: 0 });
        }
        return job.complete({ handledBy: 'sdk' });
      },
    });
    const waiter = sdk.createJobWorker({ type: 'wait', worker: 'sdk-test', timeout: 30_000, maxJobsToActivate: 5, pollIntervalMs: 100, jobHandler: (job) => job.complete() });
    try {
      const created = await sdk.createProcessInstance({ processDefinitionId: 'condition-test', variables: { conditionVariable: true } });
      c88.createProcessInstanceResponseBodySchema.parse(created);
      const incidents = await eventually(async () => {
        const found = await sdk.searchIncidents({ filter: { processInstanceKey: created.processInstanceKey } } as never);
        return found.items.length > 0 && found;
      }, 'the incident');
      c88.queryIncidentsResponseBodySchema.parse(incidents);
      const incident = incidents.items[0];
      expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'first attempt fails', state: 'ACTIVE' });
      await sdk.updateJob({ jobKey: incident.jobKey as string, retries: 1 });
      await sdk.resolveIncident(incident.incidentKey);
      const done = await eventually(async () => {
        const found = await sdk.searchProcessInstances({ filter: { processInstanceKey: created.processInstanceKey } } as never);
        return found.items.find((pi) => pi.processInstanceKey === created.processInstanceKey && pi.state === 'COMPLETED') && found;
      }, 'the instance to complete');
      c88.queryProcessInstancesResponseBodySchema.parse(done);
      const withResult = await sdk.createProcessInstanceWithResult({ processDefinitionId: 'condition-test', variables: { conditionVariable: true }, requestTimeout: 15_000 });
      expect(withResult.variables).toMatchObject({ handledBy: 'sdk', conditionVariable: true });
    } finally {
      await worker.stop();
      await waiter.stop();
    }
  });

  it('should publish with TTL and messageId, and correlate a message', async () => {
    const sdk = client('designer1');
    const a = await sdk.createProcessInstance({ processDefinitionId: 'message-correlation-test', variables: { orderId: 'A-1' } });
    const correlated = await sdk.correlateMessage({ name: await messageName(), correlationKey: 'A-1', variables: { paid: true } });
    c88.correlateMessageResponseBodySchema.parse(correlated);
    expect(correlated.processInstanceKey).toBe(a.processInstanceKey);
    const published = await sdk.publishMessage({ name: await messageName(), correlationKey: 'B-1', timeToLive: 60_000, messageId: 'once', variables: {} });
    c88.publishMessageResponseBodySchema.parse(published);
    await expect(sdk.publishMessage({ name: await messageName(), correlationKey: 'B-1', timeToLive: 60_000, messageId: 'once', variables: {} })).rejects.toMatchObject({ statusCode: 409 });
    const b = await sdk.createProcessInstance({ processDefinitionId: 'message-correlation-test', variables: { orderId: 'B-1' } });
    const state = await eventually(async () => (await werkbank.engine.getProcessInstance(b.processInstanceKey))?.state === 'COMPLETED' && 'done', 'the buffered message');
    expect(state).toBe('done');
  });

  it('should pin the clock to fire a timer, then reset it', async () => {
    const admin = client('admin');
    const created = await admin.createProcessInstance({ processDefinitionId: 'timer-catch', variables: { waitFor: 'PT1H' } });
    const elements = await admin.searchElementInstances({ filter: { processInstanceKey: created.processInstanceKey } } as never);
    c88.queryElementInstancesResponseBodySchema.parse(elements);
    expect(elements.items.map((e) => e.elementId)).toContain('wait');
    await admin.pinInternalClock(Date.now() + 2 * 3_600_000);
    expect((await werkbank.engine.getProcessInstance(created.processInstanceKey))?.state).toBe('COMPLETED');
    // finished elements stay searchable, as in Camunda (which end event the instance reached)
    const ended = await admin.searchElementInstances({ filter: { processInstanceKey: created.processInstanceKey, type: 'END_EVENT', state: 'COMPLETED' } } as never);
    c88.queryElementInstancesResponseBodySchema.parse(ended);
    expect(ended.items).toHaveLength(1);
    c88.elementInstanceSchema.parse(await admin.getElementInstance(ended.items[0].elementInstanceKey));
    await admin.resetClock();
    expect(Math.abs(werkbank.engine.now().getTime() - Date.now())).toBeLessThan(2000);
  });

  it('should work a recovery task through /v2 as the workbench sees it: search, assign, unassign, update, complete with form rules', async () => {
    const admin = client('admin');
    const [{ enterprise_number: employer }] = await db.dataSource.query(`SELECT enterprise_number FROM employer ORDER BY enterprise_number LIMIT 1`);
    const started = await admin.publishMessage({ name: 'debt.detected', correlationKey: employer, timeToLive: 0, variables: {
      enterpriseNumber: employer, employerName: 'Employer', debtId: 'D-1', quarter: '2026-Q3', debtCents: 125000, dueDate: '2026-10-31' } });
    expect(started.messageKey).toMatch(/^\d+$/);
    await werkbank.engine.runDueWork();
    await admin.pinInternalClock(Date.now() + 16 * 86_400_000);
    const agent = client('agent1');
    const tasks = await eventually(async () => {
      const found = await agent.searchUserTasks({ filter: { elementId: 'Activity_ContactEmployer', state: 'CREATED' } } as never);
      return found.items.length > 0 && found;
    }, `Contact employer (incidents: ${JSON.stringify(await werkbank.engine.listIncidents({ state: 'ACTIVE' }))})`);
    c88.queryUserTasksResponseBodySchema.parse(tasks);
    const key = tasks.items[0].userTaskKey;
    // the same task in the workbench's own API
    const token = await loginAs(server.baseUrl, 'agent1', PASSWORD);
    expect((await apiClient(server.baseUrl, token).get(`/api/tasks/${key}`)).status).toBe(200);
    await agent.assignUserTask({ userTaskKey: key, assignee: 'agent1' });
    c88.userTaskSchema.parse(await agent.getUserTask(key));
    await agent.unassignUserTask({ userTaskKey: key });
    expect((await agent.getUserTask(key)).assignee).toBeUndefined();
    const dueDate = '2027-01-15T10:00:00.000Z';
    await expect(agent.updateUserTask({ userTaskKey: key, changeset: { dueDate } })).rejects.toMatchObject({ statusCode: 403 });
    await client('lead1').updateUserTask({ userTaskKey: key, changeset: { dueDate } });
    expect(new Date(String((await agent.getUserTask(key)).dueDate)).toISOString()).toBe(dueDate);
    await agent.assignUserTask({ userTaskKey: key, assignee: 'agent1' });
    // the linked form (GET /v2/user-tasks/{key}/form), its schema as JSON text
    const form = c88.formSchema.parse(await agent.callApiEndpoint({ method: 'GET', urlPath: `user-tasks/${key}/form` }));
    expect([form.bpmnId, JSON.parse(form.schema).id]).toEqual(['contact-employer', 'contact-employer']);
    // form validation applies: an outcome outside the form's options is refused
    await expect(agent.completeUserTask({ userTaskKey: key, variables: { contactOutcome: 'bogus', contactChannel: 'phone' } })).rejects.toMatchObject({ statusCode: 400 });
    await agent.completeUserTask({ userTaskKey: key, variables: { contactOutcome: 'unreachable', contactChannel: 'phone', notes: 'No answer.' } });
    expect((await agent.getUserTask(key)).state).toBe('COMPLETED');
    const variables = await admin.searchVariables({ filter: { processInstanceKey: tasks.items[0].processInstanceKey, name: 'contactOutcome' } } as never);
    c88.queryVariablesResponseBodySchema.parse(variables);
    expect(variables.items.map((v) => JSON.parse(v.value))).toContain('unreachable');
    await admin.resetClock();
    await admin.cancelProcessInstance({ processInstanceKey: tasks.items[0].processInstanceKey });
    expect((await werkbank.engine.getProcessInstance(tasks.items[0].processInstanceKey))?.state).toBe('CANCELED');
  });

  async function messageName(): Promise<string> {
    const xml = readFileSync(resolve(corporaDir(), 'zeebe/sdk_message-correlation.bpmn'), 'utf8');
    return /<bpmn:message [^>]*name="([^"]+)"/.exec(xml)?.[1] ?? '';
  }
});
