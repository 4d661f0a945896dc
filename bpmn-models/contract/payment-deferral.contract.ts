/*
 * Every path of payment-deferral.bpmn on the real embedded engine and a real PostgreSQL: started as the event router
 * does it (event-routes.json) or as recovery's call activity does, tasks completed with values their forms accept,
 * time moved by the engine clock. A path is asserted by the end events reached, the letters sent, the tasks left
 * behind and the outcome variables.
 */
import { DeferralCase } from './deferral-case';
import type { EngineUnderTestFactory } from './engine-under-test';
import { ScenarioWorld } from './scenario-world';

const ASSESS = 'Activity_AssessRequest';
const AGREEMENT = 'Activity_ApproveAgreement';
const FOLLOW_UP = 'Activity_FollowUpMissed';
const APPROVED = 'deferral-approved';
const REJECTED = 'deferral-rejected';
const INFO = 'deferral-information-request';
const CANCELLED = 'deferral-cancelled';
const PAID_ENDS = ['EndEvent_InstalmentPaid', 'EndEvent_InstalmentPaid', 'EndEvent_InstalmentPaid', 'EndEvent_Paid'];

export function definePaymentDeferralContract(factory: EngineUnderTestFactory): void {
describe('payment-deferral.bpmn contract', () => {
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

  const approve = (instalments: number, administrativeAgreement = false) => ({ assessmentDecision: 'approve', approvedInstalments: instalments, administrativeAgreement });
  /** 8 000,00 EUR in 8 instalments: too big to approve automatically, an agent assesses it. */
  async function atAssessment(): Promise<DeferralCase> {
    const c = new DeferralCase(world);
    await c.request(800_000, 8);
    expect(await c.openTasks()).toEqual([ASSESS]);
    return c;
  }
  /** 1 200,00 EUR in 3 monthly instalments of 400,00, approved automatically. */
  async function autoApproved(options: { fromRecovery?: boolean } = {}): Promise<DeferralCase> {
    const c = new DeferralCase(world);
    await c.request(120_000, 3, options);
    expect(c.letters()).toEqual([APPROVED]);
    return c;
  }
  /** The first instalment of an auto-approved plan was not paid: its due date passed and the agent has to follow up. */
  async function atMissedInstalment(options: { fromRecovery?: boolean } = {}): Promise<DeferralCase> {
    const c = await autoApproved(options);
    await world.engine.advanceClock('P32D');
    expect(await c.openTasks()).toEqual([FOLLOW_UP]);
    return c;
  }
  const isoDateIn = (days: number) => new Date(world.engine.now().getTime() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

  describe('automatic approval', () => {
    it('should approve a small plan of a clean employer, send the schedule and end Paid when every instalment is paid', async () => {
      // given a request for 1 200,00 EUR in 3 instalments by an employer without history
      const c = await autoApproved();
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
      const c = await autoApproved();
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
      const c = await atAssessment();
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
      const c = await atAssessment();
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
      const c = await atAssessment();
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
      const c = await atAssessment();
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
      const c = await atAssessment();
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
      const first = await atMissedInstalment();
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

  describe('a missed instalment', () => {
    it('should open a follow-up for the agents when the due date passes, and wait again until the extra time given', async () => {
      // given the first instalment was not paid by its due date
      const c = await atMissedInstalment();
      expect(c.endEvents()).toEqual([]);
      // when the agent grants 10 more days
      await c.complete(FOLLOW_UP, { missedDecision: 'extra-time', extraTimeUntil: isoDateIn(10) });
      // then nothing is open, 9 days later still nothing
      expect(await c.openTasks()).toEqual([]);
      await world.engine.advanceClock('P9D');
      expect(await c.openTasks()).toEqual([]);
      // and the instalment paid within the extra time moves the plan on to the second instalment
      await c.pay(40_000);
      expect(c.endEvents()).toEqual(['EndEvent_InstalmentPaid']);
      expect(await c.state()).toBe('ACTIVE');
    });

    it('should open a new follow-up when the extra time passes unpaid', async () => {
      const c = await atMissedInstalment();
      await c.complete(FOLLOW_UP, { missedDecision: 'extra-time', extraTimeUntil: isoDateIn(5) });
      await world.engine.advanceClock('P6D');
      expect((await c.tasks()).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:COMPLETED`, `${FOLLOW_UP}:CREATED`]);
    });

    it('should close the follow-up when the instalment is paid while it is open', async () => {
      const c = await atMissedInstalment();
      // when the employer pays the late instalment
      await c.pay(40_000);
      // then the follow-up is canceled and the plan goes on
      expect((await c.tasks()).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:CANCELED`]);
      expect(c.endEvents()).toEqual(['EndEvent_InstalmentPaid']);
      expect(await c.variables()).toMatchObject({ deferralPaidCents: 40_000 });
    });

    it('should cancel the plan and send the unpaid rest back to recovery as a new debt (origin request)', async () => {
      // given a partly paid first instalment that was missed
      const c = await autoApproved();
      await c.pay(10_000);
      await world.engine.advanceClock('P32D');
      // when the agent cancels the plan
      await c.complete(FOLLOW_UP, { missedDecision: 'cancel', cancellationReason: 'No payment and no answer.' });
      // then the plan ends Cancelled, the employer gets a letter for the rest, and a recovery case starts for 1 100,00 EUR
      // (the error end "Plan cancelled" throws: the instalment scope is terminated, so only the outer end completes)
      expect(c.endEvents()).toEqual(['EndEvent_BackToRecovery']);
      expect(await c.variables()).toMatchObject({ deferralOutcome: 'cancelled', deferralPaidCents: 10_000 });
      expect(c.letter(CANCELLED)?.amountDueCents).toBe(110_000);
      expect(await c.plans()).toEqual([`PLAN-${c.requestId}:CANCELLED`]);
      const [recovery, ...more] = await c.recoveryCases();
      expect(more).toEqual([]);
      expect(recovery).toMatchObject({ enterpriseNumber: c.enterpriseNumber, amountDueCents: 110_000, debtId: `DEF-${c.requestId}`, quarter: expect.stringMatching(/^\d{4}-Q[1-4]$/), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    });

    it('should only return the outcome when recovery called the deferral (origin recovery)', async () => {
      const c = await atMissedInstalment({ fromRecovery: true });
      await c.complete(FOLLOW_UP, { missedDecision: 'cancel', cancellationReason: 'No payment and no answer.' });
      expect(c.endEvents()).toEqual(['EndEvent_Cancelled']);
      expect(await c.variables()).toMatchObject({ deferralOutcome: 'cancelled', deferralPaidCents: 0, origin: 'recovery' });
      expect(await c.recoveryCases()).toEqual([]);
    });
  });

  describe('employer insolvency', () => {
    it('should interrupt a running plan, cancel the open follow-up and end Insolvent', async () => {
      const c = await atMissedInstalment();
      expect(await c.insolvent('2027-01-05')).toEqual([c.processInstanceKey]);
      expect(c.endEvents()).toEqual(['EndEvent_Insolvent']);
      expect(await c.state()).toBe('COMPLETED');
      expect((await c.tasks()).map((t) => t.state)).toEqual(['CANCELED']);
      expect(await c.variables()).toMatchObject({ deferralOutcome: 'insolvent', insolvencyDate: '2027-01-05' });
      expect(await c.plans()).toEqual([`PLAN-${c.requestId}:INSOLVENT`]);
    });

    it('should interrupt an assessment before any plan exists', async () => {
      const c = await atAssessment();
      await c.insolvent('2026-12-20');
      expect(c.endEvents()).toEqual(['EndEvent_Insolvent']);
      expect(await c.variables()).toMatchObject({ deferralOutcome: 'insolvent', deferralPaidCents: 0 });
      expect(await c.plans()).toEqual([]);
    });
  });

  describe('called by recovery', () => {
    it('should start at the none start with origin recovery and return deferralOutcome and deferralPaidCents to the caller', async () => {
      // given a caller process shaped like recovery's call activity (explicit input and output mappings only)
      await world.engine.deploy([{ name: 'deferral-caller.bpmn', content: CALLER }]);
      const enterpriseNumber = world.newEmployer();
      const { processInstanceKey } = await world.engine.createInstance('deferral-caller', {
        enterpriseNumber, employerName: 'Caller employer', caseId: 'CALL-1', amountDueCents: 90_000, secret: 'not for the child',
      });
      await world.engine.runDueWork();
      // when the auto-approved plan of 3 x 300,00 EUR is paid in one go
      await world.engine.publishMessage({ name: 'payment.received', correlationKey: enterpriseNumber, timeToLive: 0, variables: { paymentId: 'P-CALL', paymentCents: 90_000, bookedAt: '2026-12-10' } });
      await world.engine.runDueWork();
      // then the caller completed with exactly the two outcome variables mapped back
      const v = await world.engine.getVariables(processInstanceKey);
      expect(v).toMatchObject({ deferralOutcome: 'paid', deferralPaidCents: 90_000 });
      expect(v['schedule']).toBeUndefined();
    });
  });
});
}

/** A minimal caller with the interface HELPERS-MODELS.md fixes for recovery's call activity. */
const CALLER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Caller" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="deferral-caller" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="CallDeferral">
      <bpmn:extensionElements>
        <zeebe:calledElement processId="payment-deferral" propagateAllChildVariables="false" />
        <zeebe:ioMapping>
          <zeebe:input source="=enterpriseNumber" target="enterpriseNumber" />
          <zeebe:input source="=employerName" target="employerName" />
          <zeebe:input source="=caseId" target="requestId" />
          <zeebe:input source="=amountDueCents" target="amountCents" />
          <zeebe:input source="=3" target="requestedInstalments" />
          <zeebe:input source="=&quot;Agreed on the phone&quot;" target="reason" />
          <zeebe:input source="=&quot;recovery&quot;" target="origin" />
          <zeebe:output source="=deferralOutcome" target="deferralOutcome" />
          <zeebe:output source="=deferralPaidCents" target="deferralPaidCents" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallDeferral" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallDeferral" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
