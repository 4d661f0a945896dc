import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir } from '../../test-support/corpora';
import { driveBasicPath } from '../../test-support/corpus-driver';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { parseBpmn } from '../embedded/bpmn-parser';
import { EmbeddedProcessEngine } from '../embedded/embedded-process-engine';
import { EngineError } from '../process-engine';
import { readCorpusFile, reportFigures, type CorpusFigure, type Expectation } from './corpus-expectations';

const NOT_EXECUTABLE = 'the resource contains no executable process';
const JOB_BASED_USER_TASK = 'job-based user tasks are not supported';

/**
 * The OMG BPMN MIWG reference models (../shared/corpora/miwg/reference): descriptive models, most of them without an
 * executable process. None deploys today; the C.9.x Camunda 8 exports are executable but use constructs we refuse.
 */
const TABLE: Record<string, Expectation> = {
  'A.1.0.bpmn': { refused: NOT_EXECUTABLE },
  'A.2.0.bpmn': { refused: NOT_EXECUTABLE },
  'A.2.1.bpmn': { refused: NOT_EXECUTABLE },
  'A.3.0.bpmn': { refused: NOT_EXECUTABLE },
  'A.4.0.bpmn': { refused: NOT_EXECUTABLE },
  'A.4.1.bpmn': { refused: NOT_EXECUTABLE },
  'B.1.0.bpmn': { refused: NOT_EXECUTABLE },
  'B.2.0.bpmn': { refused: NOT_EXECUTABLE },
  // C.1.x and C.3.0 mark their process executable but carry no Zeebe extensions (Camunda 7 style conditions, no job types).
  'C.1.0.bpmn': { refused: JOB_BASED_USER_TASK, byElement: true },
  'C.1.1.bpmn': { refused: JOB_BASED_USER_TASK, byElement: true },
  'C.2.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.3.0.bpmn': { refused: JOB_BASED_USER_TASK, byElement: true },
  'C.4.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.5.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.6.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.7.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.8.0.bpmn': { refused: NOT_EXECUTABLE },
  'C.8.1.bpmn': { refused: 'business rule tasks (DMN) are not supported', byElement: true },
  'C.9.0.bpmn': { refused: 'job-based user tasks are not supported', byElement: true },
  'C.9.1.bpmn': { refused: JOB_BASED_USER_TASK, byElement: true },
  'C.9.2.bpmn': { refused: JOB_BASED_USER_TASK, byElement: true },
};

describe('MIWG reference models on the embedded engine', () => {
  const dir = join(corporaDir(), 'miwg', 'reference');
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
  const figures: CorpusFigure[] = [];
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
  });
  afterAll(async () => {
    await db.drop();
    if (figures.length === files.length) reportFigures('miwg', TABLE, figures);
  });

  it('should have one expectation per reference model', () => {
    expect(Object.keys(TABLE).sort()).toEqual(files);
  });

  it.each(Object.entries(TABLE))('should parse %s and deploy it or refuse it with its reason', async (file, expectation) => {
    // given the reference model
    const content = readCorpusFile(dir, file);
    // when parsing it, then the XML is read (no fatal error), whatever the engine thinks of it
    expect((await parseBpmn(file, content)).root).not.toBeNull();
    // when deploying it
    const outcome = await engine.deploy([{ name: file, content }]).catch((e: unknown) => e);
    if ('runs' in expectation) {
      expect(outcome).not.toBeInstanceOf(Error);
      figures.push({ file, deployed: true, outcome: 'deployed' });
      return;
    }
    // then it is refused as a deployment problem (no crash) with the expected reason, by element id for unsupported constructs
    expect(outcome).toBeInstanceOf(EngineError);
    const problems = (outcome as EngineError).problems;
    expect((outcome as EngineError).code).toBe('DEPLOYMENT_REJECTED');
    expect(problems.map((p) => p.message).join('\n')).toContain(expectation.refused);
    if (expectation.byElement) expect(problems.some((p) => p.elementId && p.message.includes(expectation.refused))).toBe(true);
    figures.push({ file, deployed: false, outcome: expectation.refused });
  });

  it('should run the basic path of C.9.1 once its job-based user task is a Camunda user task', async () => {
    // given the executable Camunda 8 export C.9.1 with zeebe:userTask added to its only user task (its one refusal)
    const content = readCorpusFile(dir, 'C.9.1.bpmn').replace(
      '<bpmn:userTask id="UserTask_CallCustomer" name="Call customer">',
      '<bpmn:userTask id="UserTask_CallCustomer" name="Call customer"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>');
    // when deploying it and driving an instance (jobs completed, tasks completed, messages published, clock advanced)
    const deployed = await engine.deploy([{ name: 'C.9.1-user-task.bpmn', content }]);
    const result = await driveBasicPath(engine, db.dataSource, deployed.processes[0]?.bpmnProcessId ?? '', { variables: { documentReferenceId: 'doc-1' } });
    // then the instance completes
    expect(result.outcome).toBe('completed');
  });
});
