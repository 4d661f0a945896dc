/*
 * payment-deferral.bpmn contract, the plan: on any engine under test, started as the event router does it
 * (event-routes.json) or as recovery's call activity does, tasks completed with values their forms accept, time moved
 * by the engine clock. A path is asserted by the end events reached, the letters sent, the tasks left behind, the
 * outcome variables and the workbench's plan table.
 */
import { atAssessment, atMissedInstalment, autoApproved, CANCELLED, FOLLOW_UP } from './deferral-steps';
import type { EngineUnderTestFactory } from './engine-under-test';
import { ScenarioWorld } from './scenario-world';

export function definePaymentDeferralPlanContract(factory: EngineUnderTestFactory): void {
  describe('payment-deferral.bpmn contract: the plan', () => {
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

    describe('a missed instalment', () => {
      it('should open a follow-up for the agents when the due date passes, and wait again until the extra time given', async () => {
        // given the first instalment was not paid by its due date
        const c = await atMissedInstalment(world);
        expect(c.endEvents()).toEqual([]);
        // when the agent grants 10 more days
        await c.complete(FOLLOW_UP, { missedDecision: 'extra-time', extraTimeUntil: world.isoDateIn(10) });
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
        const c = await atMissedInstalment(world);
        await c.complete(FOLLOW_UP, { missedDecision: 'extra-time', extraTimeUntil: world.isoDateIn(5) });
        await world.engine.advanceClock('P6D');
        expect((await c.tasks()).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:COMPLETED`, `${FOLLOW_UP}:CREATED`]);
      });

      it('should close the follow-up when the instalment is paid while it is open', async () => {
        const c = await atMissedInstalment(world);
        // when the employer pays the late instalment
        await c.pay(40_000);
        // then the follow-up is canceled and the plan goes on
        expect((await c.tasks()).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:CANCELED`]);
        expect(c.endEvents()).toEqual(['EndEvent_InstalmentPaid']);
        expect(await c.variables()).toMatchObject({ deferralPaidCents: 40_000 });
      });

      it('should cancel the plan and send the unpaid rest back to recovery as a new debt (origin request)', async () => {
        // given a partly paid first instalment that was missed
        const c = await autoApproved(world);
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
        const c = await atMissedInstalment(world, { fromRecovery: true });
        await c.complete(FOLLOW_UP, { missedDecision: 'cancel', cancellationReason: 'No payment and no answer.' });
        expect(c.endEvents()).toEqual(['EndEvent_Cancelled']);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'cancelled', deferralPaidCents: 0, origin: 'recovery' });
        expect(await c.recoveryCases()).toEqual([]);
      });
    });

    describe('employer insolvency', () => {
      it('should interrupt a running plan, cancel the open follow-up and end Insolvent', async () => {
        const c = await atMissedInstalment(world);
        expect(await c.insolvent('2027-01-05')).toEqual([c.processInstanceKey]);
        expect(c.endEvents()).toEqual(['EndEvent_Insolvent']);
        expect(await c.state()).toBe('COMPLETED');
        expect((await c.tasks()).map((t) => t.state)).toEqual(['CANCELED']);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'insolvent', insolvencyDate: '2027-01-05' });
        expect(await c.plans()).toEqual([`PLAN-${c.requestId}:INSOLVENT`]);
      });

      it('should interrupt an assessment before any plan exists', async () => {
        const c = await atAssessment(world);
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
