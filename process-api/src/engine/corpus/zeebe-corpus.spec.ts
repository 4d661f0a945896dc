import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir } from '../../test-support/corpora';
import { driveBasicPath } from '../../test-support/corpus-driver';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from '../embedded/embedded-process-engine';
import { EngineError } from '../process-engine';
import { readCorpusFile, reportFigures, startEndProcess, type CorpusFigure, type Expectation } from './corpus-expectations';

/**
 * Every file of ../shared/corpora/zeebe (Camunda's own executable models and broken files). A change of behaviour of
 * the engine on any of them fails here: update the row deliberately.
 */
const TABLE: Record<string, Expectation> = {
  'bpmnjs_event-subprocess-icons.bpmn': { refused: 'conditional events are not supported', byElement: true },
  'bpmnjs_kitchen-sink.bpmn': { refused: 'complex gateways are not supported', byElement: true },
  // Zeebe also runs job-based user tasks (a job of type io.camunda.zeebe:userTask for Tasklist); the workbench needs zeebe:userTask.
  'getstarted_send-email_usertask-form.bpmn': { refused: 'job-based user tasks are not supported', byElement: true },
  'modeler_NEGATIVE_lint-errors.bpmn': { refused: 'zeebe:taskDefinition with a type is required', byElement: true },
  // NEGATIVE for the Modeler only (it declares the Camunda 7 and Zeebe namespaces, so the editor cannot tell the platform);
  // the process itself is a valid start -> end that Zeebe deploys too, so refusing it would be a difference from Zeebe.
  'modeler_NEGATIVE_zeebe-camunda-mixed.bpmn': { runs: 'completed' },
  'modeler_bar_callactivity-brt-usertask.bpmn': { refused: 'business rule tasks (DMN) are not supported', byElement: true },
  'modeler_execution-listener.bpmn': { refused: 'zeebe:executionListeners (execution listeners) is not supported', byElement: true },
  'modeler_foo_callactivity.bpmn': { runs: 'completed', companions: ['BarProcess'] },
  'sdk_NEGATIVE_broken-bpmn.bpmn': { refused: 'zeebe:taskDefinition with a type is required', byElement: true },
  'sdk_NEGATIVE_truncated-xml_modeller7File.bpmn': { refused: 'invalid BPMN XML' },
  // Stray text "0ex" inside extensionElements.
  'sdk_bpmnparser_msg-subprocess.bpmn': { refused: 'unparsable content' },
  'sdk_conditional-pathway_xor.bpmn': { runs: 'completed', variables: { conditionVariable: true } },
  'sdk_deploy-workflow_msg-timer-eventgw.bpmn': { runs: 'completed', variables: { uniqueId: 'u-1' } },
  'sdk_message-correlation.bpmn': { runs: 'completed', variables: { orderId: 'o-1' } },
  'sdk_message-start.bpmn': { runs: 'completed' },
  'sdk_migrate-v1.bpmn': { runs: 'completed', variables: { messageCorrelationKey: 'm-1' } },
  'sdk_migrate-v2.bpmn': { runs: 'completed', variables: { messageCorrelationKey: 'm-2' } },
  'sdk_signal.bpmn': { refused: 'signal events are not supported', byElement: true },
  'sdk_tasklist-test_usertask-form.bpmn': { refused: 'job-based user tasks are not supported', byElement: true },
  'sdk_throw-error_boundary-subprocess.bpmn': { runs: 'completed' },
  'tut_ai-email-support-agent_adhoc-escalation.bpmn': { refused: 'ad-hoc sub-processes are not supported', byElement: true },
  'zpt_automated-tests_multiinstance-subprocess.bpmn': { runs: 'completed' },
  'zpt_call-activity.bpmn': { runs: 'completed', companions: ['start-end'] },
  'zpt_message-catch.bpmn': { runs: 'completed', variables: { correlationKey: 'c-1' } },
  'zpt_pr-created_usertask-msg-timer-eventgw-callact.bpmn': { refused: 'job-based user tasks are not supported', byElement: true },
  'zpt_timer-events_terminate.bpmn': { runs: 'completed' },
  'zpt_timer-start-daily_R-P1D.bpmn': { runs: 'completed' },
};

describe('Zeebe corpus on the embedded engine', () => {
  const dir = join(corporaDir(), 'zeebe');
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
  const figures: CorpusFigure[] = [];
  let shared: TestDatabase;
  let engine: EmbeddedProcessEngine;

  beforeAll(async () => {
    shared = await createTestDatabase();
    engine = new EmbeddedProcessEngine(shared.dataSource, { controllableClock: true });
  });
  afterAll(async () => {
    await shared.drop();
    if (figures.length === files.length) reportFigures('zeebe', TABLE, figures);
  });

  it('should have one expectation per corpus file', () => {
    expect(Object.keys(TABLE).sort()).toEqual(files);
  });

  it.each(Object.entries(TABLE).filter(([, e]) => 'refused' in e))('should refuse %s with its reason', async (file, expectation) => {
    // given the file, when deploying it
    const error = await engine.deploy([{ name: file, content: readCorpusFile(dir, file) }]).catch((e: unknown) => e);
    // then it is refused as a deployment problem (no crash), naming the expected reason
    expect(error).toBeInstanceOf(EngineError);
    const { code, problems } = error as EngineError;
    expect(code).toBe('DEPLOYMENT_REJECTED');
    expect(problems.map((p) => p.message).join('\n')).toContain('refused' in expectation ? expectation.refused : '');
    if ('refused' in expectation && expectation.byElement) expect(problems.some((p) => p.elementId && p.message.includes(expectation.refused))).toBe(true);
    figures.push({ file, deployed: false, outcome: problems[0]?.message ?? '' });
  });

  it.each(Object.entries(TABLE).filter(([, e]) => 'runs' in e))('should deploy %s and run its basic path', async (file, expectation) => {
    // given a fresh database (messages, timer starts and called processes of other files must not interfere)
    const db = await createTestDatabase();
    try {
      const own = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
      const companions = 'runs' in expectation ? (expectation.companions ?? []) : [];
      if (companions.length > 0) await own.deploy(companions.map(startEndProcess));
      // when deploying it and driving an instance
      const deployed = await own.deploy([{ name: file, content: readCorpusFile(dir, file) }]);
      const bpmnProcessId = deployed.processes[0]?.bpmnProcessId ?? '';
      const result = await driveBasicPath(own, db.dataSource, bpmnProcessId, { variables: 'runs' in expectation ? expectation.variables : {} });
      // then it reaches the expected outcome
      expect(result.outcome).toBe('runs' in expectation ? expectation.runs : '');
      figures.push({ file, deployed: true, outcome: result.outcome });
    } finally {
      await db.drop();
    }
  });

  it('should refuse every NEGATIVE file broken for execution with a clear message, none of the refused files deployed', async () => {
    // given the NEGATIVE files (all but the Modeler-only one documented in the table)
    const negative = files.filter((f) => f.includes('NEGATIVE') && !('runs' in (TABLE[f] ?? {})));
    expect(negative.length).toBeGreaterThanOrEqual(3);
    for (const file of negative) {
      // when deploying each, then a DEPLOYMENT_REJECTED lists non-empty messages
      const error = (await engine.deploy([{ name: file, content: readCorpusFile(dir, file) }]).catch((e: unknown) => e)) as EngineError;
      expect(error.code).toBe('DEPLOYMENT_REJECTED');
      expect(error.problems.every((p) => p.resource === file && p.message.length > 10)).toBe(true);
    }
    const [{ count }] = await shared.dataSource.query(`SELECT count(*)::int AS count FROM process_definition`);
    expect(count).toBe(0);
  });
});
