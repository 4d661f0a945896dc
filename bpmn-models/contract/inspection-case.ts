/*
 * One employer's inspection in a contract scenario: started the way the event router (`fraud.signal`), a recovery case
 * (`inspection.requested`) and a team lead (none start) do it; with the recovery cases and documents it led to.
 */
import type { Variables } from '../../process-api/src/engine/process-engine';
import { ScenarioCase, type ScenarioWorld } from './scenario-world';

export class InspectionCase extends ScenarioCase {
  private signals = 0;

  constructor(world: ScenarioWorld, enterpriseNumber = world.newEmployer()) {
    super(world, enterpriseNumber);
  }

  /** What the router publishes for a `fraud.signal` event (event-routes.json, TTL PT0S); returns the instances it reached. */
  fraudSignal(fraudScore: number, indicators: string[]): Promise<string[]> {
    this.signals += 1;
    const signalId = `SIG-${this.enterpriseNumber}-${this.signals}`;
    return this.publish('fraud.signal', { enterpriseNumber: this.enterpriseNumber, signalId, fraudScore, indicators }, `evt-${signalId}`);
  }

  /** What a recovery case publishes (werkbank.publish-message) to ask for an inspection. */
  requestFromRecovery(recoveryCaseId: string, reason: string): Promise<string[]> {
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
    const keys = await this.world.publish({ name, correlationKey: this.enterpriseNumber, variables, timeToLive, messageId });
    if (!this.processInstanceKey) {
      for (const key of keys) if ((await this.world.engine.getProcessInstance(key))?.bpmnProcessId === 'inspection') this.processInstanceKey ||= key;
    }
    return keys;
  }

  /** What the router publishes for a `debt.detected` event: opens (or feeds) the employer's recovery case. */
  detectDebt(debtId: string, debtCents: number): Promise<string[]> {
    return this.world.publish({
      name: 'debt.detected', correlationKey: this.enterpriseNumber, timeToLive: 0, messageId: `evt-${debtId}`,
      variables: { enterpriseNumber: this.enterpriseNumber, employerName: `Employer ${this.enterpriseNumber}`, debtId, quarter: '2026-Q2', debtCents, dueDate: '2026-07-31' },
    });
  }

  /** Jobs run for this instance, by type. */
  jobs(): string[] {
    return this.world.jobsOf(this.processInstanceKey).map((c) => c.type);
  }

  /** The documents the workbench filed on this case: `kind: title`. */
  documents(): Promise<string[]> {
    return this.world.workbench.documents(this.processInstanceKey);
  }

  /** Every inspection of this employer (oldest first). */
  inspections(): Promise<{ key: string; state: string }[]> {
    return this.instances('inspection');
  }

  /** Every recovery case of this employer (oldest first). */
  recoveries(): Promise<{ key: string; state: string }[]> {
    return this.instances('recovery');
  }
}
