import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EngineError } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

/** Ten levels of ten: 10^10 "lol"s if a parser ever expanded it. */
function billionLaughs(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n` +
    fixture('start-end.bpmn').content.replace(/^<\?xml[^>]*>\s*/, '').replace('name="Start end"', 'name="&lol10;"');
}

describe('EmbeddedProcessEngine deploy guards and definition queries', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should refuse a billion-laughs document fast without expanding it', async () => {
    // given a model with nested entity declarations
    const started = Date.now();
    // when deploying it
    const error = (await engine.deploy([{ name: 'lol.bpmn', content: billionLaughs() }]).catch((e: unknown) => e)) as EngineError;
    // then it is refused as a DOCTYPE, at once
    expect(error).toBeInstanceOf(EngineError);
    expect(error.problems).toEqual([{ resource: 'lol.bpmn', message: 'XML with a DOCTYPE or entity declarations is not accepted' }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('should refuse a DOCTYPE even without entities', async () => {
    // given a model with an external DTD reference
    const content = fixture('start-end.bpmn').content.replace(/^(<\?xml[^>]*>)/, '$1<!DOCTYPE definitions SYSTEM "http://example.org/x.dtd">');
    // when deploying it, then it is refused
    const error = (await engine.deploy([{ name: 'dtd.bpmn', content }]).catch((e: unknown) => e)) as EngineError;
    expect(error.problems[0]?.message).toContain('DOCTYPE');
  });

  it('should refuse execution listeners by element id instead of ignoring them', async () => {
    // given a service task with a zeebe:executionListener (Zeebe would run a listener job first)
    const content = fixture('service-task.bpmn').content.replace('<zeebe:taskDefinition type="charge" retries="2" />',
      '<zeebe:taskDefinition type="charge" retries="2" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>');
    // when deploying it
    const error = (await engine.deploy([{ name: 'listener.bpmn', content }]).catch((e: unknown) => e)) as EngineError;
    // then the task is named
    expect(error.problems).toEqual([{ resource: 'listener.bpmn', elementId: 'charge', message: 'zeebe:executionListeners (execution listeners) is not supported by this engine' }]);
  });

  it('should list every version latest first and return the deployed XML', async () => {
    // given two versions of one process
    const v1 = await engine.deploy([fixture('start-end.bpmn')]);
    const changed = fixture('start-end.bpmn').content.replace('name="Start end"', 'name="Start and end"');
    const v2 = await engine.deploy([{ name: 'start-end.bpmn', content: changed }]);
    // when listing them
    const list = (await engine.listProcessDefinitions()).filter((d) => d.bpmnProcessId === 'start-end');
    // then version 2 comes first, and each key gives its own XML
    expect(list.map((d) => [d.version, d.key])).toEqual([[2, v2.processes[0]?.key], [1, v1.processes[0]?.key]]);
    expect(list[0]).toMatchObject({ name: 'Start and end', resourceName: 'start-end.bpmn', deployedAt: expect.stringMatching(/^\d{4}-/) });
    expect(await engine.getProcessDefinitionXml(v2.processes[0]?.key ?? '')).toBe(changed);
    expect(await engine.getProcessDefinitionXml('999999')).toBeNull();
    expect(await engine.getProcessDefinitionXml('abc')).toBeNull();
  });
});
