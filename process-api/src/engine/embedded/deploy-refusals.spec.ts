import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { DeploymentProblem, EngineError } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine refusals and the job-based throw and link events', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should refuse every unsupported element, event and extension by element id with a specific message', async () => {
    // when a model full of unsupported constructs is deployed
    const error = (await engine.deploy([fixture('refused.bpmn')]).catch((e: EngineError) => e)) as EngineError;
    // then it is rejected with one specific problem per construct and nothing is deployed
    expect(error.code).toBe('DEPLOYMENT_REJECTED');
    const byId = (id: string) => error.problems.filter((p: DeploymentProblem) => p.elementId === id).map((p) => p.message);
    expect(byId('refused')).toEqual(['zeebe:executionListeners (execution listeners) is not supported by this engine']);
    expect(byId('start')).toEqual(['start event forms (zeebe:formDefinition on a start event) are not supported']);
    expect(byId('script')).toEqual([expect.stringMatching(/^script tasks are not supported/)]);
    expect(byId('instantiating')).toEqual(['instantiating receive tasks are not supported (Zeebe refuses them too): use a message start event']);
    expect(byId('rules')).toEqual([expect.stringMatching(/^business rule tasks \(DMN\) are not supported/)]);
    expect(byId('complex')).toEqual(['complex gateways are not supported (Zeebe refuses them too)']);
    expect(byId('transaction')).toEqual(['transaction sub-processes are not supported (Zeebe refuses them too)']);
    expect(byId('adHoc')).toEqual(['ad-hoc sub-processes are not supported by this engine']);
    expect(byId('signalCatch')).toEqual(['signal events are not supported by this engine (Signal intermediateCatchEvent)']);
    expect(byId('conditionalCatch')).toEqual(['conditional events are not supported (Zeebe supports them from 8.9 only) (Conditional intermediateCatchEvent)']);
    expect(byId('compensationThrow')).toEqual(['compensation events are not supported by this engine (Compensate intermediateThrowEvent)']);
    expect(byId('linkThrow')).toEqual(["no link catch event named 'nowhere' in the scope of this link throw event"]);
    expect(byId('listened')).toEqual([
      'zeebe:executionListeners (execution listeners) is not supported by this engine',
      "mapping target 'if' is not a variable name or a path of names",
      "mapping target 'two words' is not a variable name or a path of names",
    ]);
    expect(byId('taskListened')).toEqual(['zeebe:taskListeners (task listeners) is not supported by this engine']);
    expect(byId('errorStart')).toEqual(['an error start event is always interrupting']);
    expect(byId('afterDuration')).toEqual(['a timer start event needs a timeDate or a timeCycle (a timeDuration is not allowed here)']);
    expect(await db.dataSource.query(`SELECT 1 FROM process_definition`)).toEqual([]);
  });

  it('should jump from a link throw to its catch and run message throw and end events as jobs', async () => {
    // given a model with a link pair and job-based message throw and end events
    const notices: string[] = [];
    engine.registerWorker('notify', async (job) => {
      notices.push(job.elementId);
      return { outcome: 'complete', variables: { [`${job.elementId}Sent`]: true } };
    });
    await engine.deploy([fixture('links-and-message-throws.bpmn')]);
    // when an instance runs
    const { processInstanceKey } = await engine.createInstance('links-and-message-throws');
    await engine.runDueWork();
    // then the link led to the throw, both jobs ran in order and the instance completed with their results
    expect(notices).toEqual(['notify', 'done']);
    const [{ state }] = await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [processInstanceKey]);
    expect(state).toBe('COMPLETED');
    expect(await engine.getVariables(processInstanceKey)).toEqual({ notifySent: true, doneSent: true });
  });
});
