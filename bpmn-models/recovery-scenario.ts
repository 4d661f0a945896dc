/* eslint-disable @nx/enforce-module-boundaries -- test code: it runs this folder's models on process-api's engine, database and form validation */
/*
 * Test harness of the recovery scenarios (recovery.spec.ts): the real embedded engine on a real PostgreSQL, the models
 * of this folder deployed as the API deploys them, the case projection registered, and job workers that record calls.
 * It sends what the event router sends and completes tasks only with values their deployed form accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFormSubmission } from '../process-api/src/domain/forms/validate-form-submission';
import { feelConditionEvaluator } from '../process-api/src/application/forms/feel-condition-evaluator';
import { deployDirectory } from '../process-api/src/engine/deploy-directory';
import { EmbeddedProcessEngine } from '../process-api/src/engine/embedded/embedded-process-engine';
import type { EngineRecord, PublishMessageCommand, Variables } from '../process-api/src/engine/process-engine';
import { PUBLISH_MESSAGE_JOB_TYPE, publishMessageHandler } from '../process-api/src/events/handlers/publish-message-worker';
import { registerCaseProjection } from '../process-api/src/persistence/case-projection';
import { createTestDatabase, type TestDatabase } from '../process-api/src/test-support/test-database';

export const DAY_MS = 24 * 3600 * 1000;

export interface JobCall {
  type: string;
  processInstanceKey: string;
  template: string | null;
  amountDueCents: unknown;
}

export interface TaskRow {
  key: string;
  element_id: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | null;
  process_name: string | null;
  amount_due: string | null;
  candidate_groups: string[];
  due_date: Date | null;
  created_at: Date;
}

/** One employer's debt case, driven through the engine like the event router and the task API do. */
export class RecoveryCase {
  processInstanceKey = '';
  private payments = 0;
  private debts = 0;

  constructor(
    private readonly world: RecoveryWorld,
    readonly enterpriseNumber: string,
  ) {}

  /**
   * What the router publishes for a `debt.detected` event (TTL PT0S unless given; the debt's amount as `debtCents`),
   * then runs the reminder job unless `runJobs` is false. Returns the instances it started (none when the employer's
   * case is open).
   */
  async detectDebt(debtCents: number, timeToLive = 0, quarter = '2026-Q3', runJobs = true): Promise<string[]> {
    this.debts += 1;
    const result = await this.world.engine.publishMessage({
      name: 'debt.detected',
      correlationKey: this.enterpriseNumber,
      timeToLive,
      variables: {
        enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, debtId: `DEBT-${this.enterpriseNumber}-${this.debts}`,
        quarter, debtCents, dueDate: '2026-10-31',
      },
    });
    if (!this.processInstanceKey && result.processInstanceKeys[0]) this.processInstanceKey = result.processInstanceKeys[0];
    if (runJobs) await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** What the router publishes for a `payment.received` event (TTL PT0S); returns the instances it reached. */
  async pay(paymentCents: number): Promise<string[]> {
    this.payments += 1;
    const result = await this.world.engine.publishMessage({
      name: 'payment.received',
      correlationKey: this.enterpriseNumber,
      timeToLive: 0,
      variables: { paymentId: `PAY-${this.enterpriseNumber}-${this.payments}`, paymentCents, bookedAt: this.world.engine.now().toISOString().slice(0, 10) },
    });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** Claims and completes the open task of `elementId` as `user`, after checking the values against its deployed form. */
  async complete(elementId: string, values: Variables, user = 'agent1', serverValues: Variables = {}): Promise<void> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    const form = await this.world.engine.getFormForUserTask(task.key);
    const variables = await this.world.engine.getVariables(this.processInstanceKey);
    const checked = validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables });
    if (checked.errors.length > 0) throw new Error(`form ${form?.formId} refuses ${JSON.stringify(values)}: ${JSON.stringify(checked.errors)}`);
    await this.world.engine.assignUserTask(task.key, user, { actor: user });
    await this.world.engine.completeUserTask(task.key, { ...checked.values, ...serverValues }, { actor: user });
    await this.world.engine.runDueWork();
  }

  /** Claims the open task of `elementId` for `user` (the agent takes it from the team queue). */
  async claim(elementId: string, user: string): Promise<TaskRow> {
    const task = (await this.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in case ${this.processInstanceKey}`);
    await this.world.engine.assignUserTask(task.key, user, { actor: user });
    return task;
  }

  tasks(): Promise<TaskRow[]> {
    return this.world.db.dataSource.query(
      `SELECT key::text, element_id, state, assignee, process_name, amount_due::text, candidate_groups, due_date, created_at
         FROM user_task t WHERE process_instance_key = $1 ORDER BY t.key`, [this.processInstanceKey]);
  }

  async openTasks(): Promise<string[]> {
    return (await this.tasks()).filter((t) => t.state === 'CREATED').map((t) => t.element_id);
  }

  /** The task rows as `elementId:STATE`, oldest first: the path the people walked. */
  async taskTrail(): Promise<string[]> {
    return (await this.tasks()).map((t) => `${t.element_id}:${t.state}`);
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

  /** Jobs run for this instance: `type`, `type/template` (letters) or `type/escalatedTask` (escalations). */
  jobs(): string[] {
    return this.world.jobCalls.filter((c) => c.processInstanceKey === this.processInstanceKey).map((c) => (c.template ? `${c.type}/${c.template}` : c.type));
  }

  /** What the router publishes for an `employer.insolvent` event (event-routes.json: TTL PT0S); returns the instances it reached. */
  async insolvent(date: string): Promise<string[]> {
    const result = await this.world.engine.publishMessage({
      name: 'employer.insolvent', correlationKey: this.enterpriseNumber, timeToLive: 0, variables: { insolvencyDate: date },
    });
    await this.world.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** The payment-deferral instances this case called, oldest first, with their state and variables. */
  async deferrals(): Promise<{ key: string; state: string; variables: Variables }[]> {
    const rows: { key: string; state: string }[] = await this.world.db.dataSource.query(
      `SELECT key::text, state FROM process_instance WHERE root_process_instance_key = $1 AND bpmn_process_id = 'payment-deferral' AND key <> $1 ORDER BY key`,
      [this.processInstanceKey]);
    return Promise.all(rows.map(async (r) => ({ ...r, variables: await this.world.engine.getVariables(r.key) })));
  }

  /** Timers still scheduled on an element of this case (boundary timers are owned by their host task). */
  async openTimers(elementId: string): Promise<number> {
    const [row] = await this.world.db.dataSource.query(
      `SELECT count(*)::int AS n FROM timer WHERE process_instance_key = $1 AND element_id = $2`, [this.processInstanceKey, elementId]);
    return row.n;
  }

  /**
   * Test fixture only (test-fixtures/payment-deferral.bpmn): the called deferral ends with `outcome` after `paidCents` were
   * paid as instalments. Against the real model, drive its own tasks and payments instead.
   */
  async decideDeferral(outcome: 'paid' | 'rejected' | 'cancelled' | 'insolvent', paidCents: number): Promise<void> {
    const running = (await this.deferrals()).find((d) => d.state === 'ACTIVE');
    if (!running) throw new Error(`no running payment deferral in case ${this.processInstanceKey}`);
    await this.world.engine.publishMessage({ name: 'test.deferral-decided', correlationKey: String(running.variables['requestId']), timeToLive: 0, variables: { outcome, paidCents } });
    await this.world.engine.runDueWork();
  }

  /** Messages this case's `werkbank.publish-message` jobs published (the real handler ran). */
  published(): PublishMessageCommand[] {
    return this.world.published.filter((p) => p.processInstanceKey === this.processInstanceKey).map((p) => p.message);
  }

  async amountDueCents(): Promise<unknown> {
    return (await this.world.engine.getVariables(this.processInstanceKey))['amountDueCents'];
  }

  /** The debts the case gathered: `debtId:quarter:amountCents`. */
  async debtList(): Promise<string[]> {
    const debts = (await this.world.engine.getVariables(this.processInstanceKey))['debts'] as { debtId: string; quarter: string; amountCents: number }[];
    return debts.map((d) => `${d.debtId}:${d.quarter}:${d.amountCents}`);
  }
}

/** The engine, database and recordings shared by every scenario of a spec file. */
export class RecoveryWorld {
  readonly records: EngineRecord[] = [];
  readonly jobCalls: JobCall[] = [];
  readonly published: { processInstanceKey: string; message: PublishMessageCommand }[] = [];
  /** True when the deployed payment-deferral is the test fixture (the real model is not in bpmn-models/ yet). */
  deferralFixture = false;
  private cases = 0;

  private constructor(
    readonly db: TestDatabase,
    readonly engine: EmbeddedProcessEngine,
  ) {}

  static async create(): Promise<RecoveryWorld> {
    const db = await createTestDatabase();
    const engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    const world = new RecoveryWorld(db, engine);
    registerCaseProjection(engine);
    engine.onRecords(async (_tx, records) => void world.records.push(...records));
    for (const type of ['ebox.send-letter', 'recovery.notify-escalation', 'bailiff.transfer']) {
      engine.registerWorker(type, async (job) => {
        world.jobCalls.push({ type, processInstanceKey: job.processInstanceKey, template: job.customHeaders['template'] ?? job.customHeaders['escalatedTask'] ?? null, amountDueCents: job.variables['amountDueCents'] });
        return { outcome: 'complete' };
      });
    }
    // The real publish-message worker runs (it is what connects the processes); the world only notes what it published.
    const publish = publishMessageHandler();
    engine.registerWorker(PUBLISH_MESSAGE_JOB_TYPE, async (job) => {
      const outcome = await publish(job);
      for (const message of outcome.outcome === 'complete' ? outcome.messages ?? [] : []) world.published.push({ processInstanceKey: job.processInstanceKey, message });
      return outcome;
    });
    await deployDirectory(engine, __dirname);
    // Until the real payment-deferral model is merged into this folder, recovery's call activity calls a minimal fixture.
    if (!existsSync(join(__dirname, 'payment-deferral.bpmn'))) {
      await engine.deploy([{ name: 'payment-deferral.bpmn', content: readFileSync(join(__dirname, 'test-fixtures', 'payment-deferral.bpmn'), 'utf8') }]);
      world.deferralFixture = true;
    }
    return world;
  }

  /** A new employer (unique enterprise number) so that scenarios never correlate with each other. */
  newCase(): RecoveryCase {
    this.cases += 1;
    return new RecoveryCase(this, `0${String(400000000 + this.cases * 7919).padStart(9, '0')}`);
  }

  /** Cancels whatever a scenario left open, so later clock moves do not fire its timers. */
  async cancelOpenInstances(): Promise<void> {
    const open: { key: string }[] = await this.db.dataSource.query(`SELECT key::text FROM process_instance WHERE state = 'ACTIVE' AND root_process_instance_key = key`);
    for (const { key } of open) await this.engine.cancelInstance(key);
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.db.drop();
  }
}
