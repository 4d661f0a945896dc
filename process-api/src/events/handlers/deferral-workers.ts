import type { DataSource } from 'typeorm';
import type { JobHandler, JobOutcome, ProcessEngine, Variables } from '../../engine/process-engine';
import { checkEnterpriseNumber } from '../../domain/employer/enterprise-number';
import { checkEligibility, DEFAULT_LOOKBACK_MONTHS, InvalidDeferralRequestError } from '../../domain/deferral/eligibility';
import { computeInstalmentSchedule } from '../../domain/deferral/instalment-schedule';
import { DeferralPlanRepository } from '../../persistence/deferral-plan.repository';

export interface DeferralWorkerDependencies {
  plans: DeferralPlanRepository;
  /** The engine clock: plans open and close, and the 12 months are counted, on process time (moved in demo mode). */
  now: () => Date;
}

export const DEFERRAL_JOB_TYPES = ['deferral.check-eligibility', 'deferral.open-plan', 'deferral.close'] as const;
const OUTCOMES = ['paid', 'cancelled', 'insolvent', 'rejected'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** The plan of a request: derived from the request id, so a retried open or a close from the caller finds the same row. */
export const planIdOf = (requestId: string): string => `PLAN-${requestId}`;

/** A job that lacks what it needs cannot succeed by retrying: it becomes an incident at once. */
const incident = (errorMessage: string): JobOutcome => ({ outcome: 'fail', errorMessage, retries: 0 });
const retry = (error: unknown): JobOutcome => ({ outcome: 'fail', errorMessage: (error as Error).message, retryBackOffMs: 10_000 });

function enterpriseNumberOf(v: Variables): string | null {
  const checked = checkEnterpriseNumber(String(v['enterpriseNumber'] ?? ''));
  return checked.valid ? checked.value : null;
}
const positiveInt = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null);

/** `deferral.check-eligibility`: gathers the employer's earlier plans and fraud score, the rules decide. */
export function checkEligibilityHandler(deps: DeferralWorkerDependencies): JobHandler {
  return async (job) => {
    const enterpriseNumber = enterpriseNumberOf(job.variables);
    if (!enterpriseNumber) return incident('variable enterpriseNumber is missing or invalid');
    const amountCents = positiveInt(job.variables['amountCents']);
    const requestedInstalments = positiveInt(job.variables['requestedInstalments']);
    if (amountCents === null || requestedInstalments === null) return incident('variables amountCents and requestedInstalments must be positive integers');
    try {
      const now = deps.now();
      const since = new Date(now);
      since.setUTCMonth(since.getUTCMonth() - DEFAULT_LOOKBACK_MONTHS);
      const [earlierPlans, riskScore] = await Promise.all([deps.plans.plansOf(enterpriseNumber), deps.plans.highestRiskScoreSince(enterpriseNumber, since.toISOString())]);
      const result = checkEligibility({ amountCents, requestedInstalments, earlierPlans, riskScore, now: now.toISOString() });
      return { outcome: 'complete', variables: { eligibility: result.eligibility, eligibilityReasons: result.reasons, agreementRequired: result.agreementRequired, riskScore } };
    } catch (error) {
      return error instanceof InvalidDeferralRequestError ? incident(error.message) : retry(error);
    }
  };
}

/**
 * `deferral.open-plan`: computes the schedule (the agent's `approvedInstalments`, else the requested number) from the
 * day of approval and records the plan as active. The plan id is derived from the request, so a retry is harmless.
 */
export function openPlanHandler(deps: DeferralWorkerDependencies): JobHandler {
  return async (job) => {
    const v = job.variables;
    const enterpriseNumber = enterpriseNumberOf(v);
    const requestId = typeof v['requestId'] === 'string' && v['requestId'] !== '' ? v['requestId'] : null;
    const amountCents = positiveInt(v['amountCents']);
    const instalments = positiveInt(v['approvedInstalments']) ?? positiveInt(v['requestedInstalments']);
    if (!enterpriseNumber || !requestId || amountCents === null || instalments === null) {
      return incident('variables enterpriseNumber, requestId, amountCents and approvedInstalments/requestedInstalments are required');
    }
    try {
      const now = deps.now();
      const schedule = computeInstalmentSchedule(amountCents, instalments, now.toISOString().slice(0, 10));
      const planId = planIdOf(requestId);
      await deps.plans.open({ planId, requestId, enterpriseNumber, processInstanceKey: job.processInstanceKey, totalCents: amountCents, instalments, openedAt: now.toISOString() });
      return { outcome: 'complete', variables: { planId, schedule, planApprovedAt: now.toISOString() } };
    } catch (error) {
      return error instanceof InvalidDeferralRequestError ? incident(error.message) : retry(error);
    }
  };
}

/**
 * `deferral.close`: header `outcome` (paid | cancelled | insolvent | rejected) becomes `deferralOutcome`; the plan
 * (`planId`, else the plan of `requestId`) is closed if it is still active. Idempotent on purpose: recovery's insolvency
 * closes the plan of its running call with the same job, and the deferral may have closed it first (or never opened it);
 * closing a plan that is closed or missing changes nothing. `planClosed` says whether this job closed it.
 */
export function closeHandler(deps: DeferralWorkerDependencies): JobHandler {
  return async (job) => {
    const outcome = job.customHeaders['outcome'] as Outcome | undefined;
    if (!outcome || !OUTCOMES.includes(outcome)) return incident(`custom header "outcome" must be one of ${OUTCOMES.join(', ')}`);
    const v = job.variables;
    const planId = typeof v['planId'] === 'string' ? v['planId'] : typeof v['requestId'] === 'string' && v['requestId'] !== '' ? planIdOf(v['requestId']) : null;
    try {
      const planClosed = planId !== null && outcome !== 'rejected'
        && await deps.plans.close(planId, outcome === 'paid' ? 'PAID' : outcome === 'cancelled' ? 'CANCELLED' : 'INSOLVENT', deps.now().toISOString());
      const paid = v['deferralPaidCents'];
      return { outcome: 'complete', variables: { deferralOutcome: outcome, deferralPaidCents: typeof paid === 'number' ? paid : 0, deferralClosedAt: deps.now().toISOString(), planClosed } };
    } catch (error) {
      return retry(error);
    }
  };
}

export function registerDeferralWorkers(engine: Pick<ProcessEngine, 'registerWorker' | 'now'>, dataSource: DataSource): void {
  const deps: DeferralWorkerDependencies = { plans: new DeferralPlanRepository(dataSource), now: () => engine.now() };
  engine.registerWorker('deferral.check-eligibility', checkEligibilityHandler(deps));
  engine.registerWorker('deferral.open-plan', openPlanHandler(deps));
  engine.registerWorker('deferral.close', closeHandler(deps));
}
