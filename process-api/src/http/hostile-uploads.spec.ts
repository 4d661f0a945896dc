import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { corporaDir } from '../test-support/corpora';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { loginAs, type ApiResponse, type TestServer } from '../test-support/test-server';
import { createWorkbenchHarness, oneUserTaskBpmn, startWorkbenchServer } from '../test-support/workbench-harness';

const PASSWORD = 'test-password';
const model = (id: string) => oneUserTaskBpmn({ bpmnProcessId: id, elementId: 'review', name: 'Review', candidateGroups: ['designers'] });
const body = (id: string) => model(id).replace(/^<\?xml[^>]*>\s*/, '');

/** The hostile files of issue 4, each with the words its refusal must contain. */
const HOSTILE: { label: string; name: string; content: () => string; refusal: RegExp }[] = [
  {
    label: 'a billion-laughs entity bomb',
    name: 'laughs.bpmn',
    content: () => {
      const entities = ['<!ENTITY lol0 "lol">'];
      for (let i = 1; i <= 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
      return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n${body('laughs').replace('name="laughs"', 'name="&lol10;"')}`;
    },
    refusal: /DOCTYPE or entity/,
  },
  {
    label: 'an external entity',
    name: 'xxe.bpmn',
    content: () => `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${body('xxe').replace('name="xxe"', 'name="&xxe;"')}`,
    refusal: /DOCTYPE or entity/,
  },
  { label: 'a bare DOCTYPE', name: 'doctype.bpmn', content: () => `<?xml version="1.0"?>\n<!DOCTYPE definitions>\n${body('doctype')}`, refusal: /DOCTYPE/ },
  {
    label: 'a deeply nested file',
    name: 'deep.bpmn',
    content: () => model('deep').replace('</bpmn:process>', `<bpmn:documentation>${'<x>'.repeat(200)}${'</x>'.repeat(200)}</bpmn:documentation></bpmn:process>`),
    refusal: /more than 50 levels deep/,
  },
  {
    label: 'a file with too many elements',
    name: 'wide.bpmn',
    content: () => model('wide').replace('</bpmn:process>', `${'<bpmn:textAnnotation/>'.repeat(10_001)}</bpmn:process>`),
    refusal: /more than 10000 XML elements/,
  },
  { label: 'a deeply nested form', name: 'deep.form', content: () => `{"id":"deep","components":${'['.repeat(100)}${']'.repeat(100)}}`, refusal: /more than 50 levels deep/ },
];

/** Over the 2 MiB model limit, but under every transport limit of the v2 path (10 MiB per file). */
const huge = () => model('huge').replace('</bpmn:process>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} --></bpmn:process>`);

describe('hostile uploads on every path that parses models', () => {
  let db: TestDatabase;
  let server: TestServer;
  let token: string;

  async function post(path: string, init: RequestInit): Promise<ApiResponse> {
    const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
  const multipart = (field: string, files: { name: string; content: string }[]) => {
    const form = new FormData();
    for (const f of files) form.append(field, new Blob([f.content]), f.name);
    return form;
  };
  const PATHS: Record<string, (files: { name: string; content: string }[]) => Promise<ApiResponse>> = {
    'POST /api/deployments (multipart)': (files) => post('/api/deployments', { body: multipart('files', files) }),
    'POST /api/deployments (JSON)': (files) => post('/api/deployments', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resources: files }) }),
    'POST /v2/deployments': (files) => post('/v2/deployments', { body: multipart('resources', files) }),
  };
  const definitionCount = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM process_definition`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    server = await startWorkbenchServer(db.dataSource, createWorkbenchHarness(db.dataSource));
    token = await loginAs(server.baseUrl, 'designer1', PASSWORD);
  });

  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  for (const [path, send] of Object.entries(PATHS)) {
    describe(path, () => {
      for (const hostile of HOSTILE) {
        it(`should refuse ${hostile.label} with a problem naming the file and deploy nothing`, async () => {
          // given a hostile file beside a good model
          const before = await definitionCount();
          // when it is deployed
          const response = await send([{ name: 'good.bpmn', content: model('good-beside-hostile') }, { name: hostile.name, content: hostile.content() }]);
          // then the whole batch is refused, the problem names the file and the reason
          expect(response.status).toBe(400);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(JSON.stringify(response.body)).toMatch(hostile.refusal);
          expect(JSON.stringify(response.body)).toContain(hostile.name);
          expect(await definitionCount()).toBe(before);
        });
      }

      it('should refuse a huge file without deploying it', async () => {
        // given a model of more than 2 MiB
        const before = await definitionCount();
        // when it is deployed
        const response = await send([{ name: 'huge.bpmn', content: huge() }]);
        // then it is refused (413 by the transport limit, 400 by the model limit) as problem+json
        expect([400, 413]).toContain(response.status);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        if (response.status === 400) expect(JSON.stringify(response.body)).toMatch(/at most 2097152 bytes/);
        expect(await definitionCount()).toBe(before);
      });
    });
  }

  describe('broken files of ../shared/corpora on POST /api/deployments', () => {
    const BROKEN = [
      ['zeebe/sdk_NEGATIVE_broken-bpmn.bpmn', /broken-bpmn\.bpmn/],
      ['zeebe/sdk_NEGATIVE_truncated-xml_modeller7File.bpmn', /truncated-xml_modeller7File\.bpmn/],
      ['forms/modeler_NEGATIVE_empty.form', /modeler_NEGATIVE_empty\.form/],
      ['forms/modeler_NEGATIVE_form-null.form', /modeler_NEGATIVE_form-null\.form/],
    ] as const;
    for (const [file, named] of BROKEN) {
      it(`should refuse ${file} with a clear 400 problem`, async () => {
        // given a broken file written by someone else
        const content = readFileSync(resolve(corporaDir(), file), 'utf8');
        const name = file.split('/').pop() ?? file;
        // when it is uploaded
        const response = await PATHS['POST /api/deployments (multipart)']([{ name, content }]);
        // then 400 problem+json with a message per problem, naming the file
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('DEPLOYMENT_REJECTED');
        expect(JSON.stringify(response.body)).toMatch(named);
        expect(response.body.title.length).toBeGreaterThan(20);
      });
    }
  });
});
