/*
 * payment-deferral.bpmn contract, decision: on any engine under test, started as the event router does it
 * (event-routes.json) or as recovery's call activity does, tasks completed with values their forms accept, time moved
 * by the engine clock. A path is asserted by the end events reached, the letters sent, the tasks left behind, the
 * outcome variables and the workbench's plan table.
 */
import { AGREEMENT, APPROVED, approve, ASSESS, atAssessment, atMissedInstalment, autoApproved, FOLLOW_UP, INFO, PAID_ENDS, REJECTED } from './deferral-steps';
import { DeferralCase } from './deferral-case';
import type { EngineUnderTestFactory } from './engine-under-test';
import { ScenarioWorld } from './scenario-world';

export function definePaymentDeferralDecisionContract(factory: EngineUnderTestFactory): void {
  describe('payment-deferral.bpmn contract: decision', () => {
    let world: ScenarioWorld;

    beforeAll(async () => {
      world = await ScenarioWorld.create(factory);
    });
    afterEach(async () => {
      await world.cancelOpenInstances();
    });
    afterAll(async () => {
      await world.close();
    });

    describe('automatic approval', () => {
      it('should approve a small plan of a clean employer, send the schedule and end Paid when every instalment is paid', async () => {
        // given a request for 1 200,00 EUR in 3 instalments by an employer without history
        const c = await autoApproved(world);
        // then no person was involved, the plan is open and the schedule has 3 equal monthly instalments
        const v = await c.variables();
        expect(v).toMatchObject({ eligibility: 'auto-approve', eligibilityReasons: [], planId: `PLAN-${c.requestId}` });
        expect((v['schedule'] as { amountCents: number }[]).map((i) => i.amountCents)).toEqual([40_000, 40_000, 40_000]);
        expect(await c.tasks()).toEqual([]);
        expect(await c.plans()).toEqual([`PLAN-${c.requestId}:ACTIVE`]);
        // when the employer pays each instalment in its month
        for (const month of [1, 2, 3]) {
          expect(await c.pay(40_000)).toEqual([c.processInstanceKey]);
          if (month < 3) await world.engine.advanceClock('P30D');
        }
        // then the plan ends Paid with everything counted, and no follow-up was ever needed
        expect(c.endEvents()).toEqual(PAID_ENDS);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'paid', deferralPaidCents: 120_000 });
        expect(await c.plans()).toEqual([`PLAN-${c.requestId}:PAID`]);
        expect(await c.tasks()).toEqual([]);
      });

      it('should count a payment toward the plan in order: one payment may cover several instalments', async () => {
        // given an auto-approved plan of 3 x 400,00 EUR
        const c = await autoApproved(world);
        // when 300,00 and then 900,00 EUR are paid
        await c.pay(30_000);
        expect(c.endEvents()).toEqual([]);
        await c.pay(90_000);
        // then all three instalments are paid at once and the plan ends Paid
        expect(c.endEvents()).toEqual(PAID_ENDS);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'paid', deferralPaidCents: 120_000, lastPaymentReference: `PLAN-${c.requestId}` });
      });
    });

    describe('assessment by an agent', () => {
      it('should send a larger request to the recovery agents with the reasons, and open the plan the agent approves', async () => {
        // given a request above the automatic limits
        const c = await atAssessment(world);
        const [task] = await c.tasks();
        expect(task?.candidateGroups).toEqual(['recovery-agents']);
        expect(await c.variables()).toMatchObject({ eligibility: 'assess', eligibilityReasons: ['amount-above-auto-limit', 'instalments-above-auto-limit'], agreementRequired: false });
        // when the agent approves it in 10 instalments
        await c.complete(ASSESS, approve(10));
        // then the schedule has 10 instalments (the last absorbing nothing: 800 000 / 10), the letter went out and the first instalment is awaited
        const v = await c.variables();
        expect((v['schedule'] as unknown[]).length).toBe(10);
        expect(v['assessedBy']).toBe('agent1');
        expect(c.letters()).toEqual([APPROVED]);
        expect(await c.plans()).toEqual([`PLAN-${c.requestId}:ACTIVE`]);
        expect(await c.state()).toBe('ACTIVE');
      });

      it('should reject with the reason in the letter and end Rejected; with origin request the debt stays where it is', async () => {
        const c = await atAssessment(world);
        // when the agent rejects the request
        await c.complete(ASSESS, { assessmentDecision: 'reject', rejectionReason: 'Earlier payment promises were not kept.' });
        // then the rejection letter carries the reason, no plan exists and nothing is sent to recovery
        expect(c.letters()).toEqual([REJECTED]);
        expect(c.letter(REJECTED)?.letterReason).toBe('Earlier payment promises were not kept.');
        expect(c.endEvents()).toEqual(['EndEvent_Rejected']);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'rejected', deferralPaidCents: 0 });
        expect(await c.plans()).toEqual([]);
        expect(await c.recoveryCases()).toEqual([]);
      });

      it('should ask the employer for information and bring the answer back to the agent', async () => {
        const c = await atAssessment(world);
        // when the agent asks for the last annual accounts
        await c.complete(ASSESS, { assessmentDecision: 'ask-information', informationRequested: 'Please send your last annual accounts.' });
        // then a letter asks for it and nothing is open while the answer is awaited
        expect(c.letters()).toEqual([INFO]);
        expect(c.letter(INFO)?.letterReason).toBe('Please send your last annual accounts.');
        expect(await c.openTasks()).toEqual([]);
        // when the employer answers (deferral.information-received, keyed by the request id)
        expect(await c.answerInformation('Accounts 2025 attached.')).toEqual([c.processInstanceKey]);
        // then the agent assesses again, with the answer, and may approve
        expect(await c.openTasks()).toEqual([ASSESS]);
        expect((await c.variables())['informationReceived']).toBe('Accounts 2025 attached.');
        await c.complete(ASSESS, approve(8), 'agent2');
        expect(c.letters()).toEqual([INFO, APPROVED]);
      });

      it('should give the request back to the agent without an answer after 14 days, and ignore a late answer', async () => {
        const c = await atAssessment(world);
        await c.complete(ASSESS, { assessmentDecision: 'ask-information', informationRequested: 'Please send your last annual accounts.' });
        // when 13 days pass nothing happens, at 14 days the agent gets the request back
        await world.engine.advanceClock('P13D');
        expect(await c.openTasks()).toEqual([]);
        await world.engine.advanceClock('P1D');
        expect(await c.openTasks()).toEqual([ASSESS]);
        expect((await c.variables())['informationReceived']).toBeNull();
        // and an answer that comes now reaches nothing (the intake keeps it visible for triage)
        expect(await c.answerInformation('Too late.')).toEqual([]);
        // and the agent decides with what there is
        await c.complete(ASSESS, { assessmentDecision: 'reject', rejectionReason: 'The requested information was not provided.' });
        expect(c.endEvents()).toEqual(['EndEvent_Rejected']);
      });
    });

    describe('administrative agreement', () => {
      /** 60 000,00 EUR in 18 instalments: above the ceiling, an administrative agreement; lead1 assessed it. */
      async function atAgreement(assessor = 'agent1'): Promise<DeferralCase> {
        const c = new DeferralCase(world);
        await c.request(6_000_000, 18);
        expect(await c.variables()).toMatchObject({ agreementRequired: true, eligibilityReasons: ['amount-above-auto-limit', 'instalments-above-auto-limit', 'agreement-required'] });
        await c.complete(ASSESS, approve(18), assessor);
        expect(await c.openTasks()).toEqual([AGREEMENT]);
        return c;
      }

      it('should open the plan when a team lead approves the agreement', async () => {
        const c = await atAgreement();
        const [, task] = await c.tasks();
        expect(task?.candidateGroups).toEqual(['recovery-leads']);
        // when a team lead approves
        await c.complete(AGREEMENT, { agreementDecision: 'approve', agreementComment: 'Solid recovery plan.' }, 'lead1');
        // then the plan of 18 instalments opens and the approval letter goes out
        expect((await c.variables())['schedule']).toHaveLength(18);
        expect(await c.variables()).toMatchObject({ assessedBy: 'agent1', agreementDecidedBy: 'lead1' });
        expect(c.letters()).toEqual([APPROVED]);
      });

      it('should reject with the team lead reason when the agreement is refused', async () => {
        const c = await atAgreement();
        await c.complete(AGREEMENT, { agreementDecision: 'refuse', refusalReason: 'Guarantees are insufficient.' }, 'lead1');
        expect(c.letter(REJECTED)?.letterReason).toBe('Guarantees are insufficient.');
        expect(c.endEvents()).toEqual(['EndEvent_Rejected']);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'rejected' });
      });

      it('should let the agent ask for an agreement on a plan the check did not flag', async () => {
        const c = await atAssessment(world);
        await c.complete(ASSESS, approve(8, true));
        expect(await c.openTasks()).toEqual([AGREEMENT]);
      });

      it('should refuse the approval by the team lead who assessed the request (four-eyes) and accept another one', async () => {
        // given lead1 assessed the request and proposed the agreement
        const c = await atAgreement('lead1');
        expect((await c.variables())['assessedBy']).toBe('lead1');
        // when lead1 also tries to approve it through the task API's use case
        await expect(c.complete(AGREEMENT, { agreementDecision: 'approve' }, 'lead1', { groups: ['recovery-leads'] })).rejects.toMatchObject({ code: 'FOUR_EYES_VIOLATION' });
        // then the task stays open, and lead2 can approve it
        expect(await c.openTasks()).toEqual([AGREEMENT]);
        await c.complete(AGREEMENT, { agreementDecision: 'approve', agreementDecidedBy: 'someone-else' }, 'lead2', { groups: ['recovery-leads'] });
        expect(await c.variables()).toMatchObject({ agreementDecidedBy: 'lead2' });
        expect(c.letters()).toEqual([APPROVED]);
      });
    });

    describe('eligibility from history and risk', () => {
      it('should send the next request of an employer whose plan was cancelled within 12 months to an agent', async () => {
        // given an employer whose plan was cancelled after a missed instalment
        const first = await atMissedInstalment(world);
        await first.complete(FOLLOW_UP, { missedDecision: 'cancel', cancellationReason: 'No payment and no answer.' });
        expect(await first.plans()).toEqual([`PLAN-${first.requestId}:CANCELLED`]);
        // when the same employer requests a small plan again
        const second = new DeferralCase(world, first.enterpriseNumber);
        await second.request(50_000, 2);
        // then it is not approved automatically
        expect(await second.variables()).toMatchObject({ eligibility: 'assess', eligibilityReasons: ['defaulted-plan-within-12-months'] });
        expect(await second.openTasks()).toEqual([ASSESS]);
      });

      it('should send a small request of an employer with a high fraud score to an agent', async () => {
        const c = new DeferralCase(world);
        await world.workbench.recordFraudSignal(c.enterpriseNumber, 0.85, world.engine.now());
        await c.request(50_000, 2);
        expect(await c.variables()).toMatchObject({ eligibility: 'assess', eligibilityReasons: ['risk-indicator'], riskScore: 0.85 });
        expect(await c.openTasks()).toEqual([ASSESS]);
      });
    });
  });
}
