/*
 * One deferral request of one employer in a contract scenario: started as the event router does it
 * (`deferral.requested`) or as recovery's call activity does (none start, origin 'recovery'), paid and answered as the
 * router publishes it, with the letters it sent and the recovery cases a cancelled plan started.
 */
import type { Variables } from '../../process-api/src/engine/process-engine';
import { type JobCall, ScenarioCase, type ScenarioWorld } from './scenario-world';

export interface RequestOptions {
  reason?: string;
  /** Started by recovery's call activity (none start, origin 'recovery') instead of a `deferral.requested` event. */
  fromRecovery?: boolean;
}

export class DeferralCase extends ScenarioCase {
  private static requests = 0;
  readonly requestId: string;
  private payments = 0;

  constructor(world: ScenarioWorld, enterpriseNumber = world.newEmployer()) {
    super(world, enterpriseNumber);
    DeferralCase.requests += 1;
    this.requestId = `REQ-${enterpriseNumber}-${DeferralCase.requests}`;
  }

  /** What the router publishes for `deferral.requested` (key requestId, TTL PT0S), or recovery's call with origin 'recovery'. */
  async request(amountCents: number, requestedInstalments: number, options: RequestOptions = {}): Promise<void> {
    const reason = options.reason ?? 'Seasonal drop in turnover.';
    const common = { enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, requestId: this.requestId, amountCents, requestedInstalments, reason };
    if (options.fromRecovery) {
      this.processInstanceKey = (await this.world.engine.createInstance('payment-deferral', { ...common, origin: 'recovery' })).processInstanceKey;
      await this.world.engine.runDueWork();
    } else {
      const [started] = await this.world.publish({ name: 'deferral.requested', correlationKey: this.requestId, timeToLive: 0, variables: { ...common, origin: 'request' } });
      this.processInstanceKey = started ?? '';
    }
  }

  /** `payment.received` as the router publishes it (key enterpriseNumber, TTL PT0S, the plan as reference); returns the instances reached. */
  pay(paymentCents: number): Promise<string[]> {
    this.payments += 1;
    return this.world.publish({
      name: 'payment.received', correlationKey: this.enterpriseNumber, timeToLive: 0,
      variables: { paymentId: `PAY-${this.requestId}-${this.payments}`, paymentCents, bookedAt: this.world.isoDateIn(0), reference: `PLAN-${this.requestId}` },
    });
  }

  /** `deferral.information-received` as the router publishes it (key requestId). */
  answerInformation(information: string): Promise<string[]> {
    return this.world.publish({ name: 'deferral.information-received', correlationKey: this.requestId, timeToLive: 0, variables: { informationReceived: information } });
  }

  /** `employer.insolvent` as the router publishes it (key enterpriseNumber). */
  insolvent(insolvencyDate: string): Promise<string[]> {
    return this.world.publish({ name: 'employer.insolvent', correlationKey: this.enterpriseNumber, timeToLive: 0, variables: { insolvencyDate } });
  }

  /** Letters sent for this instance: `template`. */
  letters(): string[] {
    return this.world.jobsOf(this.processInstanceKey).filter((c) => c.type === 'ebox.send-letter').map((c) => c.detail ?? '');
  }

  letter(template: string): JobCall | undefined {
    return this.world.jobsOf(this.processInstanceKey).find((c) => c.type === 'ebox.send-letter' && c.detail === template);
  }

  /** This employer's deferral plans in the workbench's plan table: `planId:STATUS`. */
  plans(): Promise<string[]> {
    return this.world.workbench.deferralPlans(this.enterpriseNumber);
  }

  /** Recovery cases of this employer, with their variables. */
  async recoveryCases(): Promise<Variables[]> {
    const cases = await this.world.instancesOf('recovery', this.enterpriseNumber);
    return Promise.all(cases.map((c) => this.world.engine.getVariables(c.key)));
  }
}
