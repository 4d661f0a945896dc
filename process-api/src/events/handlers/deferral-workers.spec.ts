import type { ActivatedJob, JobHandler } from '../../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { DeferralPlanRepository } from '../../persistence/deferral-plan.repository';
import { registerDeferralWorkers } from './deferral-workers';
import { renderLetter } from './letter-templates';

const EMPLOYER = '0123456749';
const OTHER = '0202239951';

function job(type: string, variables: Record<string, unknown>, customHeaders: Record<string, string> = {}, processInstanceKey = '2251799813685249'): ActivatedJob {
  return { key: '77', type, processInstanceKey, rootProcessInstanceKey: processInstanceKey, bpmnProcessId: 'payment-deferral', elementId: 'task', retries: 3, customHeaders, variables };
}

describe('registerDeferralWorkers', () => {
  let db: TestDatabase;
  let now = new Date('2026-12-03T10:00:00Z');
  const handlers = new Map<string, JobHandler>();
  const run = (type: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, key?: string) => (handlers.get(type) as JobHandler)(job(type, variables, headers, key));

  beforeAll(async () => {
    db = await createTestDatabase();
    registerDeferralWorkers({ registerWorker: (type, handler) => handlers.set(type, handler), now: () => now }, db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should register the three deferral job types', () => {
    expect([...handlers.keys()].sort()).toEqual(['deferral.check-eligibility', 'deferral.close', 'deferral.open-plan']);
  });

  it('should auto-approve a small first request and refer it after the employer defaulted on a plan', async () => {
    const request = { enterpriseNumber: EMPLOYER, requestId: 'REQ-1', amountCents: 120_000, requestedInstalments: 3 };
    // given an employer without plans, then the small request is approved automatically
    expect(await run('deferral.check-eligibility', request)).toEqual({ outcome: 'complete', variables: { eligibility: 'auto-approve', eligibilityReasons: [], agreementRequired: false, riskScore: null } });
    // when its plan is opened, the schedule is computed from the engine clock's day and the plan is recorded
    const opened = await run('deferral.open-plan', request);
    expect(opened).toMatchObject({ outcome: 'complete', variables: { planId: 'PLAN-REQ-1', schedule: [{ number: 1, dueDate: '2027-01-03', amountCents: 40_000, cumulativeCents: 40_000 }, expect.anything(), expect.anything()] } });
    // and a retried job changes nothing
    await run('deferral.open-plan', request);
    expect(await new DeferralPlanRepository(db.dataSource).plansOf(EMPLOYER)).toEqual([{ planId: 'PLAN-REQ-1', status: 'ACTIVE', closedAt: null }]);
    // when a new request comes while the plan runs, an agent looks at it
    expect(await run('deferral.check-eligibility', { ...request, requestId: 'REQ-2' })).toMatchObject({ variables: { eligibility: 'assess', eligibilityReasons: ['active-plan-exists'] } });
    // when the plan is cancelled
    expect(await run('deferral.close', { planId: 'PLAN-REQ-1', deferralPaidCents: 10_000 }, { outcome: 'cancelled' })).toMatchObject({ outcome: 'complete', variables: { deferralOutcome: 'cancelled', deferralPaidCents: 10_000 } });
    // then the next request within 12 months is referred, and one 12 months and a day later is not
    expect(await run('deferral.check-eligibility', { ...request, requestId: 'REQ-3' })).toMatchObject({ variables: { eligibility: 'assess', eligibilityReasons: ['defaulted-plan-within-12-months'] } });
    now = new Date('2027-12-04T10:00:00Z');
    expect(await run('deferral.check-eligibility', { ...request, requestId: 'REQ-4' })).toMatchObject({ variables: { eligibility: 'auto-approve' } });
    now = new Date('2026-12-03T10:00:00Z');
  });

  it('should read the highest fraud score of the last 12 months as the risk indicator', async () => {
    await db.dataSource.query(
      `INSERT INTO inbound_event (id, type, source, time, data, status) VALUES
         ('f-old', 'fraud.signal', 'test', '2025-10-01T00:00:00Z', $1, 'ROUTED'), ('f-new', 'fraud.signal', 'test', '2026-11-01T00:00:00Z', $2, 'ROUTED')`,
      [{ enterpriseNumber: OTHER, score: 0.95 }, { enterpriseNumber: OTHER, score: 0.72 }]);
    expect(await run('deferral.check-eligibility', { enterpriseNumber: OTHER, amountCents: 10_000, requestedInstalments: 2 })).toMatchObject({
      variables: { eligibility: 'assess', eligibilityReasons: ['risk-indicator'], riskScore: 0.72 },
    });
  });

  it('should set the outcome without a plan, and close a plan only once', async () => {
    expect(await run('deferral.close', {}, { outcome: 'rejected' })).toMatchObject({ outcome: 'complete', variables: { deferralOutcome: 'rejected', deferralPaidCents: 0 } });
    await run('deferral.open-plan', { enterpriseNumber: OTHER, requestId: 'REQ-9', amountCents: 50_000, approvedInstalments: 5, requestedInstalments: 2 }, {}, '9');
    await run('deferral.close', { planId: 'PLAN-REQ-9' }, { outcome: 'insolvent' });
    await run('deferral.close', { planId: 'PLAN-REQ-9' }, { outcome: 'paid' });
    const plans = await new DeferralPlanRepository(db.dataSource).plansOf(OTHER);
    expect(plans.map((p) => `${p.planId}:${p.status}`)).toEqual(['PLAN-REQ-9:INSOLVENT']);
  });

  it('should close the plan of a request id as recovery does on insolvency, in either order with the deferral, and nothing else', async () => {
    const plans = new DeferralPlanRepository(db.dataSource);
    const request = { enterpriseNumber: EMPLOYER, requestId: 'REC-D-7-1', amountCents: 60_000, requestedInstalments: 3 };
    await run('deferral.open-plan', request, {}, '70');
    // given the recovery heard the insolvency first: its close (no planId, the call's requestId) closes the running plan
    expect(await run('deferral.close', { requestId: 'REC-D-7-1' }, { outcome: 'insolvent' })).toMatchObject({ outcome: 'complete', variables: { deferralOutcome: 'insolvent', planClosed: true } });
    expect((await plans.plansOf(EMPLOYER)).find((p) => p.planId === 'PLAN-REC-D-7-1')?.status).toBe('INSOLVENT');
    // and the deferral's own close arriving later (or retried) changes nothing
    expect(await run('deferral.close', { planId: 'PLAN-REC-D-7-1', requestId: 'REC-D-7-1' }, { outcome: 'insolvent' })).toMatchObject({ variables: { planClosed: false } });
    // given the other order: the deferral closed its plan first, then the recovery's close finds it closed and does nothing
    await run('deferral.open-plan', { ...request, requestId: 'REC-D-7-2' }, {}, '71');
    expect(await run('deferral.close', { planId: 'PLAN-REC-D-7-2' }, { outcome: 'insolvent' })).toMatchObject({ variables: { planClosed: true } });
    const closedAt = (await plans.plansOf(EMPLOYER)).find((p) => p.planId === 'PLAN-REC-D-7-2')?.closedAt;
    now = new Date('2026-12-04T10:00:00Z');
    expect(await run('deferral.close', { requestId: 'REC-D-7-2' }, { outcome: 'insolvent' })).toMatchObject({ variables: { planClosed: false } });
    expect((await plans.plansOf(EMPLOYER)).find((p) => p.planId === 'PLAN-REC-D-7-2')).toEqual({ planId: 'PLAN-REC-D-7-2', status: 'INSOLVENT', closedAt });
    now = new Date('2026-12-03T10:00:00Z');
    // and a case whose call never opened a plan (or ran no call) closes nothing
    expect(await run('deferral.close', { requestId: 'REC-D-7-3' }, { outcome: 'insolvent' })).toMatchObject({ outcome: 'complete', variables: { planClosed: false } });
    expect(await run('deferral.close', {}, { outcome: 'insolvent' })).toMatchObject({ outcome: 'complete', variables: { planClosed: false } });
    expect((await plans.plansOf(EMPLOYER)).filter((p) => p.status === 'ACTIVE').map((p) => p.planId)).toEqual([]);
  });

  it('should make an incident of a job that lacks what it needs', async () => {
    expect(await run('deferral.check-eligibility', { enterpriseNumber: '0123456789', amountCents: 1, requestedInstalments: 1 })).toMatchObject({ outcome: 'fail', retries: 0 });
    expect(await run('deferral.check-eligibility', { enterpriseNumber: EMPLOYER, amountCents: 12.5, requestedInstalments: 1 })).toMatchObject({ outcome: 'fail', retries: 0 });
    expect(await run('deferral.open-plan', { enterpriseNumber: EMPLOYER, requestId: 'REQ-X', amountCents: 100, approvedInstalments: 37 })).toMatchObject({ outcome: 'fail', retries: 0 });
    expect(await run('deferral.close', {}, { outcome: 'lost' })).toMatchObject({ outcome: 'fail', retries: 0 });
  });

  it('should render the deferral letters in Dutch and French, with the schedule and the reason', () => {
    const values = { employerName: 'Bakkerij Peeters', formattedNumber: '0123.456.749', quarter: null, amountDueCents: 120_000, dueDate: null,
      schedule: [{ number: 1, dueDate: '2027-01-03', amountCents: 40_000 }], reason: 'Guarantees are insufficient.' };
    expect(renderLetter('deferral-approved', 'nl', values).content).toContain('1. 2027-01-03: € 400,00');
    expect(renderLetter('deferral-approved', 'fr', values).title).toBe('Votre plan de paiement est accordé');
    expect(renderLetter('deferral-rejected', 'fr', values).content).toContain('Motif : Guarantees are insufficient.');
    expect(renderLetter('deferral-information-request', 'nl', values).content).toContain('binnen 14 dagen');
    expect(renderLetter('deferral-cancelled', 'nl', values).content).toContain('€ 1.200,00');
  });
});
