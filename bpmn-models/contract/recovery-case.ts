/*
 * One employer's recovery case in a contract scenario: what the event router publishes for it (debts, payments,
 * insolvency) and what the case shows (amount, debts, the deferrals it called, the messages it published).
 */
import type { PublishMessageCommand, Variables } from '../../process-api/src/engine/process-engine';
import { ScenarioCase, type ScenarioWorld } from './scenario-world';

export class RecoveryCase extends ScenarioCase {
  private payments = 0;
  private debts = 0;

  constructor(world: ScenarioWorld, enterpriseNumber = world.newEmployer()) {
    super(world, enterpriseNumber);
  }

  /**
   * What the router publishes for a `debt.detected` event (TTL PT0S unless given; the debt's amount as `debtCents`),
   * then runs the reminder job unless `runJobs` is false. Returns the instances it reached (the open case, or a new one).
   */
  async detectDebt(debtCents: number, timeToLive = 0, quarter = '2026-Q3', runJobs = true): Promise<string[]> {
    this.debts += 1;
    const keys = await this.world.publish({
      name: 'debt.detected', correlationKey: this.enterpriseNumber, timeToLive,
      variables: {
        enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, debtId: `DEBT-${this.enterpriseNumber}-${this.debts}`,
        quarter, debtCents, dueDate: '2026-10-31',
      },
    }, runJobs);
    if (!this.processInstanceKey && keys[0]) this.processInstanceKey = keys[0];
    return keys;
  }

  /** What the router publishes for a `payment.received` event (TTL PT0S); returns the instances it reached. */
  pay(paymentCents: number): Promise<string[]> {
    this.payments += 1;
    return this.world.publish({
      name: 'payment.received', correlationKey: this.enterpriseNumber, timeToLive: 0,
      variables: { paymentId: `PAY-${this.enterpriseNumber}-${this.payments}`, paymentCents, bookedAt: this.world.isoDateIn(0) },
    });
  }

  /** What the router publishes for an `employer.insolvent` event (TTL PT0S); returns the instances it reached. */
  insolvent(date: string): Promise<string[]> {
    return this.world.publish({ name: 'employer.insolvent', correlationKey: this.enterpriseNumber, timeToLive: 0, variables: { insolvencyDate: date } });
  }

  /** What the router publishes for a `fraud.signal` event (starts or joins the employer's inspection). */
  fraudSignal(fraudScore: number, indicators: string[]): Promise<string[]> {
    const signalId = `SIG-${this.enterpriseNumber}`;
    return this.world.publish({ name: 'fraud.signal', correlationKey: this.enterpriseNumber, timeToLive: 0, messageId: `evt-${signalId}`, variables: { enterpriseNumber: this.enterpriseNumber, signalId, fraudScore, indicators } });
  }

  /** Jobs run for this case except publish-message (see published()): `type`, `type/template` or `type/escalatedTask`. */
  jobs(): string[] {
    return this.world.jobsOf(this.processInstanceKey).filter((c) => c.type !== 'werkbank.publish-message').map((c) => (c.detail ? `${c.type}/${c.detail}` : c.type));
  }

  /** Messages this case's `werkbank.publish-message` jobs published (the real handler ran). */
  published(): PublishMessageCommand[] {
    return this.world.published.filter((p) => p.processInstanceKey === this.processInstanceKey).map((p) => p.message);
  }

  /** The payment-deferral instances this case called, oldest first, with their state and variables. */
  async deferrals(): Promise<{ key: string; state: string; variables: Variables }[]> {
    const called = await this.world.engine.searchProcessInstances({ rootProcessInstanceKey: this.processInstanceKey, bpmnProcessId: 'payment-deferral' });
    return Promise.all(called.map(async (d) => ({ key: d.key, state: d.state, variables: await this.world.engine.getVariables(d.key) })));
  }

  /** The one running deferral of this case. */
  async runningDeferral(): Promise<string> {
    const running = (await this.deferrals()).find((d) => d.state === 'ACTIVE');
    if (!running) throw new Error(`no running payment deferral in case ${this.processInstanceKey}`);
    return running.key;
  }

  async amountDueCents(): Promise<unknown> {
    return (await this.variables())['amountDueCents'];
  }

  /** The debts the case gathered: `debtId:quarter:amountCents`. */
  async debtList(): Promise<string[]> {
    const debts = (await this.variables())['debts'] as { debtId: string; quarter: string; amountCents: number }[];
    return debts.map((d) => `${d.debtId}:${d.quarter}:${d.amountCents}`);
  }
}
