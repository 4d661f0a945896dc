/* eslint-disable @nx/enforce-module-boundaries -- test code: it runs this folder's models on process-api's engine, database, workers and form validation */
/*
 * Test harness of the payment-deferral scenarios (payment-deferral.spec.ts): the real embedded engine on a real
 * PostgreSQL with every model of this folder deployed, the real deferral workers (eligibility, schedule, plan table)
 * and the real `werkbank.publish-message` worker; e-Box letters and recovery's other jobs are recorded stubs.
 * Messages are published as the event router publishes them (event-routes.json); tasks are completed only with values
 * their deployed form accepts, and read-only `...By` fields are stamped with the completing user as the API does.
 */
import { validateFormSubmission } from '../process-api/src/domain/forms/validate-form-submission';
import { actorStampedFields } from '../process-api/src/domain/tasks/four-eyes';
import { feelConditionEvaluator } from '../process-api/src/application/forms/feel-condition-evaluator';
import { CompleteTaskUseCase } from '../process-api/src/application/tasks/complete-task.use-case';
import { TaskQueryRepository } from '../process-api/src/persistence/task-query.repository';
import { deployDirectory } from '../process-api/src/engine/deploy-directory';
import { EmbeddedProcessEngine } from '../process-api/src/engine/embedded/embedded-process-engine';
import type { EngineRecord, Variables } from '../process-api/src/engine/process-engine';
import { registerDeferralWorkers } from '../process-api/src/events/handlers/deferral-workers';
import { registerPublishMessageWorker } from '../process-api/src/events/handlers/publish-message-worker';
import { registerCaseProjection } from '../process-api/src/persistence/case-projection';
import { createTestDatabase, type TestDatabase } from '../process-api/src/test-support/test-database';

export interface LetterCall {
  type: string;
  processInstanceKey: string;
  template: string | null;
  amountDueCents: unknown;
  letterReason: unknown;
}

export interface DeferralTaskRow {
  key: string;
  element_id: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | null;
  candidate_groups: string[];
}

export interface RequestOptions {
  reason?: string;
  /** Started by recovery's call activity (none start, origin 'recovery') instead of a `deferral.requested` event. */
  fromRecovery?: boolean;
}

/** One deferral request of one employer. */
export class DeferralCase {
  processInstanceKey = '';
  readonly requestId: string;
  private payments = 0;

  constructor(
    private readonly world: DeferralWorld,
    readonly enterpriseNumber: string,
    requestNumber: number,
  ) {
    this.requestId = `REQ-${enterpriseNumber}-${requestNumber}`;
  }

  /** What the router publishes for `deferral.requested` (key requestId, TTL PT0S), or recovery's call with origin 'recovery'. */
  async request(amountCents: number, requestedInstalments: number, options: RequestOptions = {}): Promise<void> {
    const reason = options.reason ?? 'Seasonal drop in turnover.';
    const common = { enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, requestId: this.requestId, amountCents, requestedInstalments, reason };
    if (options.fromRecovery) {
      this.processInstanceKey = (await this.world.engine.createInstance('payment-deferral', { ...common, origin: 'recovery' })).processInstanceKey;
    } else {
      const result = await this.world.engine.publishMessage({ name: 'deferral.requested', correlationKey: this.requestId, timeToLive: 0, variables: { ...common, origin: 'request' } });
      this.processInstanceKey = result.processInstanceKeys[0] ?? '';
    }
    await this.world.engine.runDueWork();
  }

  /** `payment.received` as the router publishes it (key enterpriseNumber, TTL PT0S); returns the instances reached. */
  async pay(paymentCents: number): Promise<string[]> {
    this.payments += 1;
    const result = await this.world.engine.publishMessage({
      name: 'payment.received', correlationKey: this.enterpriseNumber, timeToLive: 0,
      variables: { paymentId: `PAY-${this.requestId}-${this.payments}`, paymentCents, bookedAt: this.world.engine.now().toISOString().slice(0, 10), reference: `PLAN-${this.requestId}` },
    });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** `deferral.information-received` as the router publishes it (key requestId). */
  async answerInformation(information: string): Promise<string[]> {
    const result = await this.world.engine.publishMessage({ name: 'deferral.information-received', correlationKey: this.requestId, timeToLive: 0, variables: { informationReceived: information } });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** `employer.insolvent` as the router publishes it (key enterpriseNumber). */
  async insolvent(insolvencyDate: string): Promise<string[]> {
    const result = await this.world.engine.publishMessage({ name: 'employer.insolvent', correlationKey: this.enterpriseNumber, timeToLive: 0, variables: { insolvencyDate } });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** Claims and completes the open task as `user` with values its deployed form accepts; `...By` fields get the user. */
  async complete(elementId: string, values: Variables, user = 'agent1'): Promise<void> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    const form = await this.world.engine.getFormForUserTask(task.key);
    const variables = await this.world.engine.getVariables(this.processInstanceKey);
    const today = this.world.engine.now().toISOString().slice(0, 10);
    const checked = validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables, today });
    if (checked.errors.length > 0) throw new Error(`form ${form?.formId} refuses ${JSON.stringify(values)}: ${JSON.stringify(checked.errors)}`);
    for (const key of actorStampedFields(form?.schema)) checked.values[key] = user;
    await this.world.engine.assignUserTask(task.key, user, { actor: user });
    await this.world.engine.completeUserTask(task.key, checked.values, { actor: user });
    await this.world.engine.runDueWork();
  }

  /**
   * Claims the open task for `username` and completes it through the API's use case (form validation, stamped
   * `...By` fields, four-eyes rules), as `POST /api/tasks/{id}/complete` does. Rejects with the use case's error.
   */
  async completeThroughApi(elementId: string, values: Variables, username: string, groups: string[]): Promise<void> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    const claimed = await this.world.engine.assignUserTask(task.key, username, { actor: username, allowOverride: true });
    const useCase = new CompleteTaskUseCase(new TaskQueryRepository(this.world.db.dataSource), this.world.engine, feelConditionEvaluator);
    await useCase.execute({ username, roles: [], groups }, task.key, values, claimed.version);
    await this.world.engine.runDueWork();
  }

  tasks(): Promise<DeferralTaskRow[]> {
    return this.world.db.dataSource.query(
      `SELECT key::text, element_id, state, assignee, candidate_groups FROM user_task WHERE process_instance_key = $1 ORDER BY key`, [this.processInstanceKey]);
  }

  async openTasks(): Promise<string[]> {
    return (await this.tasks()).filter((t) => t.state === 'CREATED').map((t) => t.element_id);
  }

  async state(): Promise<string> {
    const [row] = await this.world.db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [this.processInstanceKey]);
    return row?.state;
  }

  /** End events this instance reached, in order (those of the sub-processes included). */
  endEvents(): string[] {
    return this.world.records
      .filter((r) => r.processInstanceKey === this.processInstanceKey && r.kind === 'ELEMENT_COMPLETED' && r.elementType === 'endEvent')
      .map((r) => r.elementId as string);
  }

  /** Letters sent for this instance: `template`. */
  letters(): string[] {
    return this.world.letterCalls.filter((c) => c.processInstanceKey === this.processInstanceKey).map((c) => c.template ?? '');
  }

  letter(template: string): LetterCall | undefined {
    return this.world.letterCalls.find((c) => c.processInstanceKey === this.processInstanceKey && c.template === template);
  }

  async variables(): Promise<Variables> {
    return this.world.engine.getVariables(this.processInstanceKey);
  }

  async incidents(): Promise<string[]> {
    return (await this.world.engine.listIncidents({ processInstanceKey: this.processInstanceKey, state: 'ACTIVE' })).map((i) => `${i.elementId}: ${i.errorMessage}`);
  }

  /** Recovery cases started for this employer, with their variables. */
  async recoveryCases(): Promise<Variables[]> {
    const started = this.world.records.filter((r) => r.kind === 'PROCESS_INSTANCE_CREATED' && r.bpmnProcessId === 'recovery').map((r) => r.processInstanceKey);
    const cases: Variables[] = [];
    for (const key of [...new Set(started)]) {
      const variables = await this.world.engine.getVariables(key);
      if (variables['enterpriseNumber'] === this.enterpriseNumber) cases.push(variables);
    }
    return cases;
  }
}

/** The engine, database and recordings shared by every scenario of a spec file. */
export class DeferralWorld {
  readonly records: EngineRecord[] = [];
  readonly letterCalls: LetterCall[] = [];
  private employers = 0;
  private requests = 0;

  private constructor(
    readonly db: TestDatabase,
    readonly engine: EmbeddedProcessEngine,
  ) {}

  static async create(): Promise<DeferralWorld> {
    const db = await createTestDatabase();
    const engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    const world = new DeferralWorld(db, engine);
    registerCaseProjection(engine);
    engine.onRecords(async (_tx, records) => void world.records.push(...records));
    for (const type of ['ebox.send-letter', 'recovery.notify-escalation', 'bailiff.transfer']) {
      engine.registerWorker(type, async (job) => {
        world.letterCalls.push({ type, processInstanceKey: job.processInstanceKey, template: job.customHeaders['template'] ?? null, amountDueCents: job.variables['amountDueCents'], letterReason: job.variables['letterReason'] });
        return { outcome: 'complete', variables: { letterSentAt: engine.now().toISOString() } };
      });
    }
    registerDeferralWorkers(engine, db.dataSource);
    registerPublishMessageWorker(engine);
    await deployDirectory(engine, __dirname);
    return world;
  }

  /** A new employer (unique enterprise number) so that scenarios never correlate with each other. */
  newEmployer(): string {
    this.employers += 1;
    const base = 500000000 + this.employers * 7919;
    const first8 = Math.floor(base / 100);
    return `0${String(base - (base % 100) + (97 - (first8 % 97))).padStart(9, '0')}`;
  }

  /** A request of a (by default new) employer. */
  newCase(enterpriseNumber = this.newEmployer()): DeferralCase {
    this.requests += 1;
    return new DeferralCase(this, enterpriseNumber, this.requests);
  }

  /** A `fraud.signal` event as the intake stores it (the eligibility check reads the employer's score from there). */
  async recordFraudSignal(enterpriseNumber: string, score: number): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO inbound_event (id, type, source, time, data, status) VALUES ($1, 'fraud.signal', 'test', $2, $3, 'ROUTED')`,
      [`fraud-${enterpriseNumber}-${score}`, this.engine.now(), { enterpriseNumber, signalId: `S-${enterpriseNumber}`, score, indicators: ['cross-border'] }]);
  }

  /** The plan rows of an employer: `planId:STATUS`. */
  async plans(enterpriseNumber: string): Promise<string[]> {
    const rows: { plan_id: string; status: string }[] = await this.db.dataSource.query(`SELECT plan_id, status FROM deferral_plan WHERE enterprise_number = $1 ORDER BY opened_at`, [enterpriseNumber]);
    return rows.map((r) => `${r.plan_id}:${r.status}`);
  }

  async cancelOpenInstances(): Promise<void> {
    const open: { key: string }[] = await this.db.dataSource.query(`SELECT key::text FROM process_instance WHERE state = 'ACTIVE' AND key = root_process_instance_key`);
    for (const { key } of open) await this.engine.cancelInstance(key);
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.db.drop();
  }
}
