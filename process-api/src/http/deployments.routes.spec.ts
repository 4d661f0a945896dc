import { deploymentSchema, processDefinitionListSchema } from '@werkbank/shared';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs, type ApiResponse, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, oneUserTaskBpmn, startWorkbenchServer, type WorkbenchHarness } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';
const form = JSON.stringify({ id: 'review-form', components: [{ type: 'textfield', key: 'note' }] });
const model = (bpmnProcessId: string, elementId = 'review', name = 'Review') => oneUserTaskBpmn({ bpmnProcessId, elementId, name, candidateGroups: ['designers'] });

function billionLaughs(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n${model('laughs').replace(/^<\?xml[^>]*>\s*/, '').replace('name="laughs"', 'name="&lol10;"')}`;
}

describe('deployment routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let harness: WorkbenchHarness;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(server.baseUrl, tokens[user]);

  /** multipart/form-data upload as a browser would send it. */
  async function upload(user: string, files: { name: string; content: string }[]): Promise<ApiResponse> {
    const body = new FormData();
    for (const f of files) body.append('files', new Blob([f.content], { type: 'application/octet-stream' }), f.name);
    const response = await fetch(`${server.baseUrl}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}` }, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
  const deployJson = (user: string, resources: unknown) => as(user).post('/api/deployments', { resources });
  const versionsOf = async (bpmnProcessId: string) =>
    ((await as('admin').get('/api/process-definitions')).body.items.find((p: { bpmnProcessId: string }) => p.bpmnProcessId === bpmnProcessId)?.versions ?? []) as { version: number; key: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    harness = createWorkbenchHarness(db.dataSource);
    server = await startWorkbenchServer(db.dataSource, harness);
    for (const user of ['agent1', 'lead1', 'designer1', 'admin']) tokens[user] = await loginAs(server.baseUrl, user, PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  describe('POST /api/deployments', () => {
    it('should deploy a model and its form as JSON for a designer with 201 and the new versions', async () => {
      // given a model with a form, sent as JSON by designer1
      const bpmn = oneUserTaskBpmn({ bpmnProcessId: 'json-deploy', processName: 'JSON deploy', form: { id: 'review-form' } });
      // when deploying
      const response = await deployJson('designer1', [{ name: 'json-deploy.bpmn', content: bpmn }, { name: 'review-form.form', content: form }]);
      // then both are deployed in version 1
      expect(response.status).toBe(201);
      const deployment = deploymentSchema.parse(response.body);
      expect(deployment.processes).toEqual([{ key: expect.stringMatching(/^\d+$/), bpmnProcessId: 'json-deploy', name: 'JSON deploy', version: 1, resourceName: 'json-deploy.bpmn' }]);
      expect(deployment.forms).toEqual([expect.objectContaining({ formId: 'review-form', version: 1, resourceName: 'review-form.form' })]);
      // and the audit trail names who deployed what, committed with the deployment
      const [entry] = await db.dataSource.query(`SELECT actor, details FROM audit_entry WHERE action = 'deployment.created' AND subject_id = $1`, [deployment.key]);
      expect(entry).toEqual({ actor: 'designer1', details: { processes: ['json-deploy@1'], forms: ['review-form@1'] } });
    });

    it('should deploy several files as multipart for an administrator', async () => {
      // given two models uploaded as files
      // when admin uploads them
      const response = await upload('admin', [{ name: 'a.bpmn', content: model('multipart-a') }, { name: 'b.bpmn', content: model('multipart-b') }]);
      // then both are deployed
      expect(response.status).toBe(201);
      expect(response.body.processes.map((p: { bpmnProcessId: string; version: number }) => [p.bpmnProcessId, p.version])).toEqual([['multipart-a', 1], ['multipart-b', 1]]);
    });

    it.each(['agent1', 'lead1'])('should refuse %s with 403 problem+json', async (user) => {
      // when a user without the designer or admin role deploys
      const response = await deployJson(user, [{ name: 'x.bpmn', content: model('forbidden') }]);
      // then the request is forbidden and nothing is deployed
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('FORBIDDEN');
      expect(await versionsOf('forbidden')).toEqual([]);
    });

    it('should refuse an anonymous caller with 401', async () => {
      expect((await apiClient(server.baseUrl).post('/api/deployments', { resources: [] })).status).toBe(401);
    });

    it('should deploy nothing when one model of the batch is invalid and list every problem', async () => {
      const audited = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'deployment.created'`))[0].n;
      const auditedBefore = await audited();
      // given version 1 of a good model
      await deployJson('designer1', [{ name: 'atomic.bpmn', content: model('atomic') }]);
      // when a batch with its changed version 2 and a model with a typeless service task is deployed
      const broken = model('broken').replace('<zeebe:userTask />', '').replace('bpmn:userTask', 'bpmn:serviceTask').replace('</bpmn:userTask>', '</bpmn:serviceTask>');
      const response = await deployJson('designer1', [
        { name: 'atomic.bpmn', content: model('atomic', 'review', 'Review v2') },
        { name: 'broken.bpmn', content: broken },
        { name: 'notes.txt', content: 'hello' },
      ]);
      // then the batch is refused with each problem by file (and element), and the good model stays at version 1
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('DEPLOYMENT_REJECTED');
      expect(response.body.errors).toEqual([{ resource: 'notes.txt', message: 'the file name must end in .bpmn or .form' }]);
      const engineRefusal = await deployJson('designer1', [{ name: 'atomic.bpmn', content: model('atomic', 'review', 'Review v2') }, { name: 'broken.bpmn', content: broken }]);
      expect(engineRefusal.status).toBe(400);
      expect(engineRefusal.body.errors).toEqual([expect.objectContaining({ resource: 'broken.bpmn', elementId: 'review', message: expect.stringContaining('taskDefinition') })]);
      expect((await versionsOf('atomic')).map((v) => v.version)).toEqual([1]);
      expect(await versionsOf('broken')).toEqual([]);
      // and only the good deployment was audited
      expect(await audited()).toBe(auditedBefore + 1);
    });

    it.each([
      ['an empty batch', [], 'no files to deploy'],
      ['a file of another type', [{ name: 'model.xml', content: '<x/>' }], 'must end in .bpmn or .form'],
      ['an empty file', [{ name: 'empty.bpmn', content: '  ' }], 'the file is empty'],
      ['invalid XML', [{ name: 'bad.bpmn', content: '<bpmn:definitions' }], 'invalid BPMN XML'],
      ['a form without id', [{ name: 'f.form', content: '{"components": []}' }], 'a form needs a string "id"'],
      ['a non-executable model', [{ name: 'n.bpmn', content: model('not-executable').replace('isExecutable="true"', 'isExecutable="false"') }], 'no executable process'],
      ['a DOCTYPE', [{ name: 'dtd.bpmn', content: model('dtd').replace(/^(<\?xml[^>]*>)/, '$1<!DOCTYPE x SYSTEM "file:///etc/passwd">') }], 'DOCTYPE'],
    ])('should refuse %s with DEPLOYMENT_REJECTED', async (_label, resources, message) => {
      // when deploying it
      const response = await deployJson('designer1', resources);
      // then the problem names the cause
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('DEPLOYMENT_REJECTED');
      expect(response.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain(message);
    });

    it('should refuse a billion-laughs upload fast without expanding it', async () => {
      // given a model whose name is 10^10 "lol"s once expanded
      const started = Date.now();
      // when uploading it
      const response = await upload('designer1', [{ name: 'laughs.bpmn', content: billionLaughs() }]);
      // then it is refused at once
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ resource: 'laughs.bpmn', message: 'XML with a DOCTYPE or entity declarations is not accepted' }]);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('should refuse unknown fields in the JSON body', async () => {
      // when the body carries a field the contract does not know
      const response = await as('designer1').post('/api/deployments', { resources: [{ name: 'x.bpmn', content: model('x'), tenant: 'a' }], force: true });
      // then the request is refused naming the fields
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['force', 'resources.0']);
    });

    it('should refuse an upload of more than 20 files, a file over 2 MiB, an empty upload and other media types', async () => {
      // when uploading 21 files
      const many = await upload('designer1', Array.from({ length: 21 }, (_, i) => ({ name: `m${i}.bpmn`, content: model(`many-${i}`) })));
      // then TOO_MANY_FILES
      expect([many.status, many.body.code]).toEqual([400, 'TOO_MANY_FILES']);
      // when one file is larger than 2 MiB
      const large = await upload('designer1', [{ name: 'large.bpmn', content: model('large').replace('<bpmn:process', `<!-- ${'x'.repeat(2 * 1024 * 1024)} --><bpmn:process`) }]);
      expect([large.status, large.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      // when the multipart body holds no file
      const none = await upload('designer1', []);
      expect([none.status, none.body.code]).toEqual([400, 'DEPLOYMENT_REJECTED']);
      // when the body is plain XML
      const xml = await as('designer1').post('/api/deployments', model('plain'), { 'content-type': 'application/xml' });
      expect([xml.status, xml.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(await versionsOf('many-0')).toEqual([]);
    });
  });

  describe('GET /api/process-definitions', () => {
    it('should list every process with its versions latest first and serve each version\'s XML', async () => {
      // given two versions of one process
      const v1 = model('listed', 'review', 'Review');
      const v2 = model('listed', 'review', 'Review again');
      await deployJson('designer1', [{ name: 'listed.bpmn', content: v1 }]);
      await deployJson('designer1', [{ name: 'listed.bpmn', content: v2 }]);
      // when a team lead lists the definitions
      const response = await as('lead1').get('/api/process-definitions');
      // then the process shows both versions, latest first, and each key gives its XML
      expect(response.status).toBe(200);
      const listed = processDefinitionListSchema.parse(response.body).items.find((p) => p.bpmnProcessId === 'listed');
      expect(listed).toMatchObject({ latestVersion: 2, name: 'listed' });
      expect(listed?.versions.map((v) => [v.version, v.resourceName])).toEqual([[2, 'listed.bpmn'], [1, 'listed.bpmn']]);
      const xml = await fetch(`${server.baseUrl}/api/process-definitions/${listed?.versions[1]?.key}/xml`, { headers: { authorization: `Bearer ${tokens['lead1']}` } });
      expect(xml.headers.get('content-type')).toContain('application/xml');
      expect(await xml.text()).toBe(v1);
    });

    it('should answer 404 for an unknown key and 403 for an agent', async () => {
      expect((await as('designer1').get('/api/process-definitions/123456789/xml')).body.code).toBe('PROCESS_NOT_FOUND');
      expect((await as('designer1').get('/api/process-definitions/not-a-key/xml')).status).toBe(404);
      expect((await as('agent1').get('/api/process-definitions')).status).toBe(403);
      expect((await as('agent1').get('/api/process-definitions/1/xml')).status).toBe(403);
    });
  });

  describe('versions of running instances', () => {
    it('should let a running instance finish on its version while new instances start on the new one', async () => {
      // given an instance of version 1 waiting at its task 'check-v1'
      await deployJson('designer1', [{ name: 'versioned.bpmn', content: model('versioned', 'check-v1', 'Check') }]);
      const old = await harness.engine.createInstance('versioned');
      // when version 2 (its task is 'check-v2') is deployed over HTTP and a new instance starts
      const deployed = await deployJson('designer1', [{ name: 'versioned.bpmn', content: model('versioned', 'check-v2', 'Check twice') }]);
      expect(deployed.body.processes[0].version).toBe(2);
      const newer = await harness.engine.createInstance('versioned');
      // then the old instance still waits at the version 1 task and completes on it; the new one waits at the version 2 task
      const openTask = async (instance: string) =>
        (await db.dataSource.query(`SELECT key::text, element_id FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`, [instance]))[0];
      const oldTask = await openTask(old.processInstanceKey);
      expect(oldTask.element_id).toBe('check-v1');
      expect((await openTask(newer.processInstanceKey)).element_id).toBe('check-v2');
      await harness.engine.completeUserTask(oldTask.key, {});
      const [oldRow] = await db.dataSource.query(`SELECT state, version FROM process_instance WHERE key = $1`, [old.processInstanceKey]);
      expect(oldRow).toEqual({ state: 'COMPLETED', version: 1 });
      expect(newer.version).toBe(2);
    });
  });
});
