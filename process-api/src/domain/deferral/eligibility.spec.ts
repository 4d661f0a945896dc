import { checkEligibility, type EarlierPlan, type EligibilityFacts } from './eligibility';

const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  amountCents: 300_000, requestedInstalments: 6, earlierPlans: [], riskScore: null, now: '2026-12-03T10:00:00Z', ...over,
});
const cancelled = (closedAt: string): EarlierPlan => ({ planId: 'PLAN-1', status: 'CANCELLED', closedAt });

describe('checkEligibility', () => {
  it('should auto-approve a small plan of a clean employer', () => {
    expect(checkEligibility(facts())).toEqual({ eligibility: 'auto-approve', reasons: [], agreementRequired: false });
    expect(checkEligibility(facts({ amountCents: 500_000, riskScore: 0.69 })).eligibility).toBe('auto-approve');
  });

  it('should send to an agent when a plan was defaulted in the last 12 months, not when it is older or was paid', () => {
    expect(checkEligibility(facts({ earlierPlans: [cancelled('2026-01-10T00:00:00Z')] })).reasons).toEqual(['defaulted-plan-within-12-months']);
    expect(checkEligibility(facts({ earlierPlans: [cancelled('2025-12-02T00:00:00Z')] })).eligibility).toBe('auto-approve');
    expect(checkEligibility(facts({ earlierPlans: [{ planId: 'P', status: 'PAID', closedAt: '2026-06-01T00:00:00Z' }] })).eligibility).toBe('auto-approve');
    expect(checkEligibility(facts({ earlierPlans: [{ planId: 'P', status: 'ACTIVE', closedAt: null }] })).reasons).toEqual(['active-plan-exists']);
  });

  it('should send larger plans and risky employers to an agent', () => {
    expect(checkEligibility(facts({ amountCents: 500_001 })).reasons).toEqual(['amount-above-auto-limit']);
    expect(checkEligibility(facts({ requestedInstalments: 7 })).reasons).toEqual(['instalments-above-auto-limit']);
    expect(checkEligibility(facts({ riskScore: 0.7 }))).toEqual({ eligibility: 'assess', reasons: ['risk-indicator'], agreementRequired: false });
  });

  it('should require an administrative agreement above 50 000 EUR or 12 instalments', () => {
    expect(checkEligibility(facts({ amountCents: 5_000_001 }))).toEqual({ eligibility: 'assess', reasons: ['amount-above-auto-limit', 'agreement-required'], agreementRequired: true });
    expect(checkEligibility(facts({ amountCents: 5_000_000, requestedInstalments: 12 })).agreementRequired).toBe(false);
    expect(checkEligibility(facts({ requestedInstalments: 13 })).agreementRequired).toBe(true);
  });

  it('should refuse facts that are not a request', () => {
    expect(() => checkEligibility(facts({ amountCents: 0 }))).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => checkEligibility(facts({ amountCents: 10.5 }))).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => checkEligibility(facts({ requestedInstalments: 0 }))).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => checkEligibility(facts({ now: 'soon' }))).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
  });
});
