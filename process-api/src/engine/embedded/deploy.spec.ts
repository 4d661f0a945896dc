import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EngineError } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine deploy', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should refuse an invalid model listing every problem with element ids and write nothing', async () => {
    // given a model with a missing task type, a broken FEEL condition, an unsupported element and an unknown form
    // when deploying it together with a valid model
    const error = await engine.deploy([fixture('start-end.bpmn'), fixture('invalid.bpmn')]).catch((e: unknown) => e);
    // then every problem is listed and nothing was deployed
    expect(error).toBeInstanceOf(EngineError);
    const problems = (error as EngineError).problems;
    expect((error as EngineError).code).toBe('DEPLOYMENT_REJECTED');
    expect([...new Set(problems.map((p) => p.elementId))].sort()).toEqual(['complex', 'f3', 'formless', 'noType']);
    expect(problems.find((p) => p.elementId === 'complex')?.message).toContain('not supported');
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM process_definition`);
    expect(count).toBe(0);
  });

  it('should refuse XML that moddle warns about', async () => {
    // given a model with an unknown BPMN element
    const broken = { name: 'broken.bpmn', content: fixture('start-end.bpmn').content.replace('<bpmn:manualTask id="manual">', '<bpmn:manualTask id="manual"><bpmn:unknownThing />') };
    // when deploying it
    const error = await engine.deploy([broken]).catch((e: unknown) => e as EngineError);
    // then the warning is a problem
    expect((error as EngineError).problems.length).toBeGreaterThan(0);
  });

  it('should return the same version for a duplicate and a new version for changed content', async () => {
    // given a deployed model
    const first = await engine.deploy([fixture('start-end.bpmn')]);
    // when deploying it again unchanged, then changed, then under another resource name
    const duplicate = await engine.deploy([fixture('start-end.bpmn')]);
    const changed = { name: 'start-end.bpmn', content: fixture('start-end.bpmn').content.replace('name="Start end"', 'name="Start and end"') };
    const second = await engine.deploy([changed]);
    const renamed = await engine.deploy([{ ...changed, name: 'other.bpmn' }]);
    // then the duplicate keeps version 1 and each real change gets a new version
    expect(duplicate.processes[0]).toEqual(first.processes[0]);
    expect(second.processes[0]?.version).toBe(2);
    expect(second.processes[0]?.name).toBe('Start and end');
    expect(renamed.processes[0]?.version).toBe(3);
  });

  it('should deploy forms with versions and accept a user task whose form comes in the same deployment', async () => {
    // given a user task model referencing a form
    // when deploying both
    const result = await engine.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form')]);
    // then both are deployed
    expect(result.forms).toEqual([expect.objectContaining({ formId: 'contact-employer', version: 1 })]);
    expect(result.processes[0]?.bpmnProcessId).toBe('user-task');
  });

  it('should keep running instances on their version', async () => {
    // given an instance of version 1 waiting at a job
    await engine.deploy([fixture('service-task.bpmn')]);
    const { processInstanceKey } = await engine.createInstance('service-task', { amount: 1 });
    // when version 2 is deployed and a new instance starts
    await engine.deploy([{ name: 'service-task.bpmn', content: fixture('service-task.bpmn').content.replace('<bpmn:endEvent id="end">', '<bpmn:endEvent id="end" name="Done">') }]);
    const newer = await engine.createInstance('service-task', { amount: 1 });
    // then the old instance stays on version 1 and the new one runs version 2
    const version = async (key: string) => (await db.dataSource.query(`SELECT version FROM process_instance WHERE key = $1`, [key]))[0].version;
    expect(await version(processInstanceKey)).toBe(1);
    expect(await version(newer.processInstanceKey)).toBe(2);
    expect(newer.version).toBe(2);
  });
});
