/* eslint-disable @nx/enforce-module-boundaries -- test code: it runs this folder's models on process-api's engine, database and form validation */
/*
 * Test harness of the inspection scenarios (inspection.spec.ts): the real embedded engine on a real PostgreSQL, every
 * model of this folder deployed as the API deploys them (recovery too: a regularisation starts or joins a recovery
 * case), the case projection registered, the real `werkbank.publish-message` worker and the real inspection workers
 * (recorded), recovery's own jobs as recorded stubs. It publishes what the event router and a recovery case publish
 * and completes tasks only with values their deployed form accepts.
 */
import { validateFormSubmission } from '../process-api/src/domain/forms/validate-form-submission';
import { calendarDay } from '../process-api/src/domain/forms/check-date-time';
import { feelConditionEvaluator } from '../process-api/src/application/forms/feel-condition-evaluator';
import { deployDirectory } from '../process-api/src/engine/deploy-directory';
import { EmbeddedProcessEngine } from '../process-api/src/engine/embedded/embedded-process-engine';
import type { EngineRecord, JobHandler, Variables } from '../process-api/src/engine/process-engine';
import { registerPublishMessageWorker } from '../process-api/src/events/handlers/publish-message-worker';
import { fileOfficialReportHandler, registerInspectionHandler } from '../process-api/src/events/handlers/inspection-workers';
import { registerCaseProjection } from '../process-api/src/persistence/case-projection';
import { DocumentRepository } from '../process-api/src/persistence/document.repository';
import { EmployerRepository } from '../process-api/src/persistence/employer.repository';
import { createTestDatabase, type TestDatabase } from '../process-api/src/test-support/test-database';

export const DAY_MS = 24 * 3600 * 1000;

export interface TaskRow {
  key: string;
  element_id: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | null;
  process_name: string | null;
  employer_name: string | null;
  candidate_groups: string[];
  due_date: Date | null;
  created_at: Date;
}

export interface CaseRow {
  id: string;
  status: string;
}

/** One employer's inspection, driven through the engine like the event router, a recovery case and the task API do. */
export class InspectionCase {
  processInstanceKey = '';
  private signals = 0;

  constructor(
    private readonly world: InspectionWorld,
    readonly enterpriseNumber: string,
  ) {}

  /** What the router publishes for a `fraud.signal` event (event-routes.json, TTL PT0S); returns the instances it started. */
  async fraudSignal(fraudScore: number, indicators: string[]): Promise<string[]> {
    this.signals += 1;
    const signalId = `SIG-${this.enterpriseNumber}-${this.signals}`;
    return this.publish('fraud.signal', { enterpriseNumber: this.enterpriseNumber, signalId, fraudScore, indicators }, `evt-${signalId}`);
  }

  /** What a recovery case publishes (werkbank.publish-message) to ask for an inspection. */
  async requestFromRecovery(recoveryCaseId: string, reason: string): Promise<string[]> {
    return this.publish('inspection.requested',
      { enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, requestedBy: 'recovery', recoveryCaseId, reason },
      `inspection-request-${recoveryCaseId}`, 3_600_000);
  }

  /** A team lead opening an inspection by hand (the none start). */
  async openByHand(requestedBy: string, reason: string): Promise<void> {
    const { processInstanceKey } = await this.world.engine.createInstance('inspection', { enterpriseNumber: this.enterpriseNumber, requestedBy, reason });
    this.processInstanceKey = processInstanceKey;
    await this.world.engine.runDueWork();
  }

  private async publish(name: string, variables: Variables, messageId: string, timeToLive = 0): Promise<string[]> {
    const result = await this.world.engine.publishMessage({ name, correlationKey: this.enterpriseNumber, variables, timeToLive, messageId });
    const started = await this.world.instancesOf('inspection', result.processInstanceKeys);
    if (!this.processInstanceKey && started[0]) this.processInstanceKey = started[0];
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** What the router publishes for a `debt.detected` event: opens (or feeds) the employer's recovery case. */
  async detectDebt(debtId: string, debtCents: number): Promise<string[]> {
    const result = await this.world.engine.publishMessage({
      name: 'debt.detected', correlationKey: this.enterpriseNumber, timeToLive: 0, messageId: `evt-${debtId}`,
      variables: { enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, debtId, quarter: '2026-Q2', debtCents, dueDate: '2026-07-31' },
    });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** Claims and completes the open task of `elementId` as `user`, after checking the values against its deployed form. */
  async complete(elementId: string, values: Variables, user: string): Promise<void> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    const form = await this.world.engine.getFormForUserTask(task.key);
    const variables = await this.world.engine.getVariables(this.processInstanceKey);
    const today = calendarDay(this.world.engine.now());
    const checked = validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables, today });
    if (checked.errors.length > 0) throw new Error(`form ${form?.formId} refuses ${JSON.stringify(values)}: ${JSON.stringify(checked.errors)}`);
    if (task.assignee !== user) await this.world.engine.assignUserTask(task.key, user, { actor: user });
    await this.world.engine.completeUserTask(task.key, checked.values, { actor: user });
    await this.world.engine.runDueWork();
  }

  /** The errors the deployed form of the open task gives for `values` (empty when it accepts them). */
  async formErrors(elementId: string, values: Variables): Promise<string[]> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    const form = await this.world.engine.getFormForUserTask(task.key);
    const variables = await this.world.engine.getVariables(this.processInstanceKey);
    const checked = validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables, today: calendarDay(this.world.engine.now()) });
    return checked.errors.map((e) => e.field);
  }

  tasks(): Promise<TaskRow[]> {
    return this.world.db.dataSource.query(
      `SELECT key::text, element_id, state, assignee, process_name, employer_name, candidate_groups, due_date, created_at
         FROM user_task t WHERE process_instance_key = $1 ORDER BY t.key`, [this.processInstanceKey]);
  }

  async openTasks(): Promise<string[]> {
    return (await this.tasks()).filter((t) => t.state === 'CREATED').map((t) => t.element_id);
  }

  async state(): Promise<string> {
    const [row] = await this.world.db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [this.processInstanceKey]);
    return row?.state;
  }

  /** End events this instance reached, in order. */
  endEvents(): string[] {
    return this.world.records
      .filter((r) => r.processInstanceKey === this.processInstanceKey && r.kind === 'ELEMENT_COMPLETED' && r.elementType === 'endEvent')
      .map((r) => r.elementId as string);
  }

  /** Jobs run for this instance, by type. */
  jobs(): string[] {
    return this.world.jobCalls.filter((c) => c.processInstanceKey === this.processInstanceKey).map((c) => c.type);
  }

  variables(): Promise<Variables> {
    return this.world.engine.getVariables(this.processInstanceKey);
  }

  /** The documents filed on this case: `kind: title`. */
  async documents(): Promise<string[]> {
    return (await new DocumentRepository(this.world.db.dataSource).list(this.processInstanceKey)).map((d) => `${d.kind}: ${d.title}`);
  }

  /** Every inspection case of this employer (oldest first). */
  inspections(): Promise<CaseRow[]> {
    return this.world.casesOf('inspection', this.enterpriseNumber);
  }

  /** Every recovery case of this employer (oldest first). */
  recoveries(): Promise<CaseRow[]> {
    return this.world.casesOf('recovery', this.enterpriseNumber);
  }
}

/** The engine, database and recordings shared by every scenario of a spec file. */
export class InspectionWorld {
  readonly records: EngineRecord[] = [];
  readonly jobCalls: { type: string; processInstanceKey: string }[] = [];
  private cases = 0;

  private constructor(
    readonly db: TestDatabase,
    readonly engine: EmbeddedProcessEngine,
  ) {}

  static async create(): Promise<InspectionWorld> {
    const db = await createTestDatabase();
    const engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    const world = new InspectionWorld(db, engine);
    registerCaseProjection(engine);
    engine.onRecords(async (_tx, records) => void world.records.push(...records));
    const record = (type: string, handler: JobHandler): void =>
      engine.registerWorker(type, async (job) => {
        world.jobCalls.push({ type, processInstanceKey: job.processInstanceKey });
        return handler(job);
      });
    // The real workers of the inspection; recovery's letters, escalations and transfers are stubs here.
    const deps = { documents: new DocumentRepository(db.dataSource), employers: new EmployerRepository(db.dataSource), now: () => engine.now() };
    record('inspection.register', registerInspectionHandler(deps));
    record('inspection.file-report', fileOfficialReportHandler(deps));
    registerPublishMessageWorker({ registerWorker: (type, handler) => record(type, handler) });
    for (const type of ['ebox.send-letter', 'recovery.notify-escalation', 'bailiff.transfer']) record(type, async () => ({ outcome: 'complete' }));
    await deployDirectory(engine, __dirname);
    return world;
  }

  /** A new employer (unique, valid enterprise number) so that scenarios never correlate with each other. */
  newCase(): InspectionCase {
    this.cases += 1;
    const firstEight = String(5_000_000 + this.cases * 7919).padStart(8, '0');
    const check = String(97 - (Number(firstEight) % 97)).padStart(2, '0');
    return new InspectionCase(this, `${firstEight}${check}`);
  }

  /** Which of `keys` are instances of `bpmnProcessId`. */
  async instancesOf(bpmnProcessId: string, keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: { key: string }[] = await this.db.dataSource.query(
      `SELECT key::text FROM process_instance WHERE bpmn_process_id = $1 AND key = ANY($2::bigint[]) ORDER BY key`, [bpmnProcessId, keys]);
    return rows.map((r) => r.key);
  }

  casesOf(bpmnProcessId: string, enterpriseNumber: string): Promise<CaseRow[]> {
    return this.db.dataSource.query(
      `SELECT id::text, status FROM work_case WHERE bpmn_process_id = $1 AND enterprise_number = $2 ORDER BY id`, [bpmnProcessId, enterpriseNumber]);
  }

  /** Cancels whatever a scenario left open, so later clock moves do not fire its timers. */
  async cancelOpenInstances(): Promise<void> {
    const open: { key: string }[] = await this.db.dataSource.query(`SELECT key::text FROM process_instance WHERE state = 'ACTIVE' AND key = root_process_instance_key`);
    for (const { key } of open) await this.engine.cancelInstance(key);
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.db.drop();
  }
}
