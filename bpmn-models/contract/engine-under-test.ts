/*
 * What a contract run needs from the engine side: any ProcessEngine implementation, plus the few workbench services
 * that live beside the engine (job handlers backed by the workbench's own store, and that store's answers). The
 * scenarios drive and observe the processes ONLY through these two; they never see SQL or an engine class.
 */
import type { JobHandler, ProcessEngine } from '../../process-api/src/engine/process-engine';

/**
 * The workbench beside the engine. In the embedded run these are the real workers on the test database; a Zeebe run
 * supplies the same handlers on the workbench's PostgreSQL (the engine being the cluster), wired to its job workers.
 */
export interface WorkbenchUnderTest {
  /**
   * Real handlers of the job types that need the workbench's store: `deferral.check-eligibility`, `deferral.open-plan`,
   * `deferral.close` (plan table), `inspection.register` (employer register), `inspection.file-report` (documents).
   */
  handlers: Record<string, JobHandler>;
  /** The deferral plans of an employer as `planId:STATUS`, oldest first. */
  deferralPlans(enterpriseNumber: string): Promise<string[]>;
  /** Stores a `fraud.signal` event as the intake does (the eligibility check reads the employer's score there). */
  recordFraudSignal(enterpriseNumber: string, score: number, at: Date): Promise<void>;
  /** Documents filed on a case as `kind: title`. */
  documents(caseKey: string): Promise<string[]>;
}

export interface EngineUnderTest {
  /**
   * A freshly started engine with a controllable clock (advanceClock), nothing deployed and no worker registered;
   * `runDueWork` must run every job of a registered worker and fire every due timer before it resolves.
   */
  engine: ProcessEngine;
  workbench: WorkbenchUnderTest;
  /**
   * False for an engine that cannot deliver records (onRecords), such as a client of the Camunda 8 REST API: the
   * world then learns which end events an instance reached from `endEventsReached` after each command.
   */
  observesRecords?: boolean;
  /** Every end event any instance reached so far, in the order the engine reached them (element instance search). */
  endEventsReached?(): Promise<{ key: string; processInstanceKey: string; elementId: string }[]>;
  /** Stops the engine and drops whatever the run created. */
  close(): Promise<void>;
}

/**
 * What some scenarios need beyond the port's bare contract. A factory lacking one does not get those scenarios defined
 * (they are neither run nor skipped for it: `scenario(factory, capability)` below).
 */
export type EngineCapability =
  /** publishMessage with a time to live answers the instances the message reached (REST's publication does not). */
  | 'bufferedPublicationReach'
  /**
   * publishMessage answers every instance a message reached when it reaches instances of several processes (a payment
   * reaching a case and its running plan); REST's correlation names only the first one.
   */
  | 'multiProcessReach';

/** Called once per contract (one `describe` world); each call gets an engine of its own. */
export type EngineUnderTestFactory = (() => Promise<EngineUnderTest>) & {
  /** Capabilities this engine lacks (none when absent: the embedded engine has them all). */
  lacks?: readonly EngineCapability[];
};

/** `it` for a scenario that needs `capability`: defined only for engines that have it. */
export function scenarioNeeding(factory: EngineUnderTestFactory, capability: EngineCapability): (name: string, fn: () => Promise<void>) => void {
  return factory.lacks?.includes(capability) ? () => undefined : (name, fn) => it(name, fn);
}
