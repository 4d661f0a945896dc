import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { deployDirectory } from './deploy-directory';
import { EmbeddedProcessEngine } from './embedded/embedded-process-engine';
import { fixture } from './embedded/fixtures/fixtures';

describe('deployDirectory', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'models-'));
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('should deploy the models and forms of a directory together and ignore other files', async () => {
    // given a directory with a user task model, its form and a README
    for (const name of ['user-task.bpmn', 'contact-employer.form']) await writeFile(join(dir, name), fixture(name).content);
    await writeFile(join(dir, 'README.md'), '# models');
    // when deploying the directory
    const result = await deployDirectory(new EmbeddedProcessEngine(db.dataSource), dir);
    // then the process and the form are deployed
    expect(result?.processes.map((p) => p.bpmnProcessId)).toEqual(['user-task']);
    expect(result?.forms.map((f) => f.formId)).toEqual(['contact-employer']);
  });
});
