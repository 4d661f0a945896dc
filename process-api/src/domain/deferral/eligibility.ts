/**
 * Automatic eligibility check of a payment-deferral request (DOMAIN.md §3). Pure: the worker gathers the facts
 * (earlier plans of the employer, its fraud-risk score) and this function decides where the request goes.
 * The check never refuses on its own: anything that is not clearly eligible goes to an agent, who may refuse.
 */

/** Small plans an agent need not look at: at most 5 000,00 EUR in at most 6 instalments. */
export const AUTO_APPROVE_MAX_CENTS = 500_000;
export const AUTO_APPROVE_MAX_INSTALMENTS = 6;
/** Above 50 000,00 EUR or 12 instalments an instalment plan is an administrative agreement (team-lead approval). */
export const AGREEMENT_CEILING_CENTS = 5_000_000;
export const AGREEMENT_CEILING_INSTALMENTS = 12;
/** A fraud-detection score from this value on (0..1) is a risk an agent must weigh. */
export const RISK_SCORE_THRESHOLD = 0.7;
/** How far back a defaulted (cancelled) plan counts. */
export const DEFAULT_LOOKBACK_MONTHS = 12;

export type PlanStatus = 'ACTIVE' | 'PAID' | 'CANCELLED' | 'INSOLVENT';

export interface EarlierPlan {
  planId: string;
  status: PlanStatus;
  /** ISO date-time the plan ended (null while active). */
  closedAt: string | null;
}

export interface EligibilityFacts {
  amountCents: number;
  requestedInstalments: number;
  earlierPlans: readonly EarlierPlan[];
  /** Highest fraud-detection score of the employer in the last 12 months, null when none. */
  riskScore: number | null;
  /** ISO date-time of the check (the engine clock). */
  now: string;
}

export type EligibilityReason =
  | 'defaulted-plan-within-12-months'
  | 'active-plan-exists'
  | 'amount-above-auto-limit'
  | 'instalments-above-auto-limit'
  | 'agreement-required'
  | 'risk-indicator';

export interface EligibilityResult {
  eligibility: 'auto-approve' | 'assess';
  reasons: EligibilityReason[];
  /** The plan is an administrative agreement: whoever approves it, a team lead must confirm. */
  agreementRequired: boolean;
}

export class InvalidDeferralRequestError extends Error {
  readonly code = 'INVALID_DEFERRAL_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDeferralRequestError';
  }
}

function monthsBefore(iso: string, months: number): number {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new InvalidDeferralRequestError(`not a date-time: '${iso}'`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export function checkEligibility(facts: EligibilityFacts): EligibilityResult {
  const { amountCents, requestedInstalments } = facts;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new InvalidDeferralRequestError(`amountCents must be a positive integer, got ${amountCents}`);
  if (!Number.isSafeInteger(requestedInstalments) || requestedInstalments < 1) {
    throw new InvalidDeferralRequestError(`requestedInstalments must be a positive integer, got ${requestedInstalments}`);
  }
  const since = monthsBefore(facts.now, DEFAULT_LOOKBACK_MONTHS);
  const reasons: EligibilityReason[] = [];
  if (facts.earlierPlans.some((p) => p.status === 'CANCELLED' && p.closedAt !== null && new Date(p.closedAt).getTime() >= since)) {
    reasons.push('defaulted-plan-within-12-months');
  }
  if (facts.earlierPlans.some((p) => p.status === 'ACTIVE')) reasons.push('active-plan-exists');
  if (amountCents > AUTO_APPROVE_MAX_CENTS) reasons.push('amount-above-auto-limit');
  if (requestedInstalments > AUTO_APPROVE_MAX_INSTALMENTS) reasons.push('instalments-above-auto-limit');
  const agreementRequired = amountCents > AGREEMENT_CEILING_CENTS || requestedInstalments > AGREEMENT_CEILING_INSTALMENTS;
  if (agreementRequired) reasons.push('agreement-required');
  if (facts.riskScore !== null && facts.riskScore >= RISK_SCORE_THRESHOLD) reasons.push('risk-indicator');
  return { eligibility: reasons.length === 0 ? 'auto-approve' : 'assess', reasons, agreementRequired };
}
