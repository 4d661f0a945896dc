/*
 * recovery.bpmn contract, an instalment plan: recovery calls the REAL payment-deferral.bpmn, which runs its own eligibility
 * check, tasks, plan, letters and instalment payments (the workbench's real deferral workers), and returns its outcome.
 */
import { scenarioNeeding, type EngineUnderTestFactory } from './engine-under-test';
import { DeferralCase } from './deferral-case';
import { RecoveryCase } from './recovery-case';
import { APPROVE, atContact, CLAIM, claim, CONTACT, planRequest, PREPARE } from './recovery-steps';
import { ScenarioWorld } from './scenario-world';

export function defineRecoveryDeferralContract(factory: EngineUnderTestFactory): void {
  describe('recovery.bpmn contract: an instalment plan', () => {
    let world: ScenarioWorld;
    // these scenarios assert that one payment reaches both the case and its running plan
    const itBothReached = scenarioNeeding(factory, 'multiProcessReach');

    beforeAll(async () => {
      world = await ScenarioWorld.create(factory);
    });
    afterEach(async () => {
      await world.cancelOpenInstances();
    });
    afterAll(async () => {
      await world.close();
    });

    const ASSESS = 'Activity_AssessRequest';
    const FOLLOW_UP = 'Activity_FollowUpMissed';
    const CLAIM_AFTER_DEFERRAL = 'Activity_ClaimAfterDeferral';
    const CANCEL = { missedDecision: 'cancel', cancellationReason: 'No payment and no answer.' };
    const requestId = (c: RecoveryCase): string => `REC-DEBT-${c.enterpriseNumber}-1-1`;
    /** The case called payment-deferral for 1 250,00 EUR in 6 instalments (auto-approved: 5 x 208,33 + 208,35 EUR). */
    async function planRunning(): Promise<{ c: RecoveryCase; deferral: string; schedule: number[] }> {
      const c = await atContact(world);
      await c.complete(CONTACT, planRequest);
      const deferral = await c.runningDeferral();
      const schedule = ((await world.engine.getVariables(deferral))['schedule'] as { amountCents: number }[]).map((i) => i.amountCents);
      return { c, deferral, schedule };
    }
    /** The first instalment was paid, the second one's due date passed: the deferral's follow-up task is open. */
    async function secondInstalmentMissed(): Promise<{ c: RecoveryCase; deferral: string }> {
      const { c, deferral, schedule } = await planRunning();
      await c.pay(schedule[0] ?? 0);
      await world.engine.advanceClock('P63D');
      expect((await world.tasksOf(deferral)).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:CREATED`]);
      return { c, deferral };
    }

    describe('an instalment plan (call of the real payment-deferral)', () => {
      itBothReached('should run the deferral with the agreed inputs, approve it automatically and end Paid when every instalment is paid', async () => {
        // given an open contact task, when the employer asks for 6 instalments
        const { c, deferral, schedule } = await planRunning();
        // then the called deferral runs in the same case with exactly the agreed inputs, and checked and opened the plan
        const [called] = await c.deferrals();
        expect(called?.variables).toMatchObject({
          enterpriseNumber: c.enterpriseNumber, employerName: `Employer ${c.enterpriseNumber}`, requestId: requestId(c),
          amountCents: 125_000, requestedInstalments: 6, reason: planRequest.deferralReason, origin: 'recovery',
          eligibility: 'auto-approve', eligibilityReasons: [], planId: `PLAN-${requestId(c)}`,
        });
        expect(world.jobsOf(deferral).map((j) => j.detail ?? j.type)).toEqual(['deferral.check-eligibility', 'deferral.open-plan', 'deferral-approved']);
        expect(schedule).toEqual([20_833, 20_833, 20_833, 20_833, 20_833, 20_835]);
        expect(await world.workbench.deferralPlans(c.enterpriseNumber)).toEqual([`PLAN-${requestId(c)}:ACTIVE`]);
        // and the recovery waits for it, without a task of its own
        expect(await c.state()).toBe('ACTIVE');
        expect(await c.openTasks()).toEqual([]);
        // when the employer pays each instalment in its month, then each payment reaches both: an instalment of the plan,
        // and the case's non-interrupting boundary on the call lowers what the employer owes (the plan goes on)
        let due = 125_000;
        for (const [month, cents] of schedule.entries()) {
          expect((await c.pay(cents)).sort()).toEqual([c.processInstanceKey, deferral].sort());
          due -= cents;
          if (month === schedule.length - 1) break;
          expect(await c.amountDueCents()).toBe(due);
          expect((await c.deferrals()).map((d) => d.state)).toEqual(['ACTIVE']);
          await world.engine.advanceClock('P30D');
        }
        // then the deferral ends Paid and the case with it, nothing due
        expect(world.endEvents(deferral).at(-1)).toBe('EndEvent_Paid');
        expect((await c.deferrals()).map((d) => d.state)).toEqual(['COMPLETED']);
        expect(c.endEvents()).toEqual([...schedule.map(() => 'EndEvent_AmountLoweredDuringDeferral'), 'EndEvent_PaidByDeferral']);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'paid', deferralPaidCents: 125_000, amountDueCents: 0 });
        expect(await world.workbench.deferralPlans(c.enterpriseNumber)).toEqual([`PLAN-${requestId(c)}:PAID`]);
      });

      itBothReached('should go back to waiting for payment when a further debt joined the case while the plan ran', async () => {
        // given a running plan for 1 250,00 EUR, and a further debt of 300,00 EUR detected meanwhile (the case takes it)
        const { c, deferral } = await planRunning();
        expect(await c.detectDebt(30_000, 0, '2026-Q4')).toEqual([c.processInstanceKey]);
        expect(await c.amountDueCents()).toBe(155_000);
        // when the employer pays the whole plan at once (one payment covers every instalment), it reaches the plan and the case
        expect((await c.pay(125_000)).sort()).toEqual([c.processInstanceKey, deferral].sort());
        // then the plan is paid, 300,00 EUR is still due and the case waits for it; 15 days later an agent contacts the employer again
        expect(world.endEvents(deferral).at(-1)).toBe('EndEvent_Paid');
        expect(await c.amountDueCents()).toBe(30_000);
        expect(await c.state()).toBe('ACTIVE');
        await world.engine.advanceClock('P15D');
        expect(await c.openTasks()).toEqual([CONTACT]);
      });

      it('should prepare a forced-recovery transfer when the agent rejects the plan', async () => {
        // given the employer asks for 8 instalments: above the automatic limit, an agent assesses the called deferral
        const c = await atContact(world);
        await c.complete(CONTACT, { ...planRequest, requestedInstalments: 8 });
        const deferral = await c.runningDeferral();
        expect(await world.engine.getVariables(deferral)).toMatchObject({ eligibility: 'assess', eligibilityReasons: ['instalments-above-auto-limit'] });
        // the assessment belongs to the case (root instance) though the recovery itself has no open task
        expect((await world.engine.searchUserTasks({ rootProcessInstanceKey: c.processInstanceKey, state: 'CREATED' })).map((t) => `${t.processInstanceKey}:${t.elementId}`))
          .toEqual([`${deferral}:${ASSESS}`]);
        expect(await c.openTasks()).toEqual([]);
        // when the agent rejects it
        await world.complete(deferral, ASSESS, { assessmentDecision: 'reject', rejectionReason: 'Earlier payment promises were not kept.' }, 'agent2');
        // then the deferral sent its rejection letter and ended Rejected, and the case prepares a transfer, its reason prefilled
        expect(world.jobsOf(deferral).map((j) => j.detail ?? j.type)).toEqual(['deferral.check-eligibility', 'deferral-rejected', 'deferral.close']);
        expect(world.endEvents(deferral)).toEqual(['EndEvent_Rejected']);
        expect(await c.openTasks()).toEqual([PREPARE]);
        expect(await c.variables()).toMatchObject({ transferReason: 'deferral-rejected', deferralOutcome: 'rejected', deferralPaidCents: 0, amountDueCents: 125_000 });
        // and the prepare form accepts the reason, so the agent goes on to the four-eyes approval
        await c.complete(PREPARE, { transferReason: 'deferral-rejected', transferNotes: 'Plan rejected.' }, 'agent1');
        expect(await c.openTasks()).toEqual([APPROVE]);
      });

      it('should prepare a transfer for the rest when the plan is cancelled after a missed instalment, publishing no second debt', async () => {
        // given a plan whose first instalment (208,33 EUR) was paid and whose second one was missed
        const { c, deferral } = await secondInstalmentMissed();
        // when the agent cancels the plan in the deferral's follow-up
        await world.complete(deferral, FOLLOW_UP, CANCEL, 'agent1');
        // then the deferral ends Cancelled with its letter, but publishes nothing (origin recovery: the caller decides)
        expect(world.endEvents(deferral).at(-1)).toBe('EndEvent_Cancelled');
        expect(world.jobsOf(deferral).map((j) => j.detail ?? j.type)).toContain('deferral-cancelled');
        expect(world.published.filter((p) => p.processInstanceKey === deferral)).toEqual([]);
        expect(await world.workbench.deferralPlans(c.enterpriseNumber)).toEqual([`PLAN-${requestId(c)}:CANCELLED`]);
        // and the case's amount is lowered by what the plan collected (once: at the payment, not again when the call ends)
        // and it prepares a transfer, still the only case of the employer
        expect(await c.variables()).toMatchObject({ transferReason: 'plan-defaulted', deferralOutcome: 'cancelled', deferralPaidCents: 20_833, amountDueCents: 104_167 });
        expect(await c.openTasks()).toEqual([PREPARE]);
        expect(await c.instances('recovery')).toEqual([{ key: c.processInstanceKey, state: 'ACTIVE' }]);
        await c.complete(PREPARE, { transferReason: 'plan-defaulted', transferNotes: 'Plan cancelled.' }, 'agent1');
        expect(await c.openTasks()).toEqual([APPROVE]);
      });

      it('should claim the rest exactly once and close the plan as insolvent when the case hears the insolvency first', async () => {
        // given a called deferral whose follow-up of a missed instalment is open
        const { c, deferral } = await secondInstalmentMissed();
        // when the employer is declared insolvent (recovery and the deferral both subscribe to it)
        expect(await c.insolvent('2026-11-20')).toContain(c.processInstanceKey);
        // then nothing of the deferral is left open and the case has exactly one open claim
        expect((await c.deferrals()).map((d) => d.state)).not.toContain('ACTIVE');
        expect((await world.tasksOf(deferral)).map((t) => t.state)).toEqual(['CANCELED']);
        expect((await world.engine.searchUserTasks({ rootProcessInstanceKey: c.processInstanceKey, state: 'CREATED' })).map((t) => t.elementId)).toEqual([CLAIM]);
        expect(await c.insolvent('2026-11-21')).toEqual([]);
        // On this engine the case's subscription is older, so its interrupting event sub-process cancels the call before
        // the deferral's own "Close as insolvent" can run; the case's "Close a running payment plan" closes the plan instead
        expect(world.endEvents(deferral)).toEqual(['EndEvent_InstalmentPaid']);
        expect(await world.workbench.deferralPlans(c.enterpriseNumber)).toEqual([`PLAN-${requestId(c)}:INSOLVENT`]);
        expect(await c.variables()).toMatchObject({ planClosedByInsolvency: true, insolvencyDate: '2026-11-20' });
        // and the 208,33 EUR the plan collected were already deducted by the case at the payment: the claim asks for the rest
        expect(await c.amountDueCents()).toBe(104_167);
        expect((await world.engine.searchVariables({ processInstanceKey: c.processInstanceKey, name: 'claimedAmountCents' })).map((v) => v.value)).toEqual([104_167]);
        // and a later request of the employer is not held up by a plan left active
        const later = new DeferralCase(world, c.enterpriseNumber);
        await later.request(60_000, 3);
        expect(await later.variables()).toMatchObject({ eligibility: 'auto-approve', eligibilityReasons: [] });
        // and the claim is filed, which ends the case
        await c.complete(CLAIM, { ...claim, claimedAmountCents: 104_167 });
        expect(await c.state()).toBe('COMPLETED');
        expect(c.endEvents().filter((e) => e.startsWith('EndEvent_Claimed'))).toEqual(['EndEvent_ClaimedInInsolvency']);
      });

      itBothReached('should claim the same rest exactly once when the deferral hears the insolvency first', async () => {
        // The engine cannot be told which subscription of one message goes first, so the deferral is made to hear it
        // first the Zeebe way: a subscription's correlation key is fixed when it opens. The case calls the plan while its
        // enterpriseNumber reads OTHER (the call and its payment boundary subscribe with OTHER, the case's own event
        // sub-processes keep the employer's number); the insolvency of OTHER then reaches the deferral only, and the
        // employer's own insolvency reaches the case afterwards: the order in which one message could reach both.
        const c = await atContact(world);
        const other = world.newEmployer();
        await world.engine.setVariables(c.processInstanceKey, { enterpriseNumber: other });
        await c.complete(CONTACT, planRequest);
        await world.engine.setVariables(c.processInstanceKey, { enterpriseNumber: c.enterpriseNumber });
        const deferral = await c.runningDeferral();
        const schedule = ((await world.engine.getVariables(deferral))['schedule'] as { amountCents: number }[]).map((i) => i.amountCents);
        const payment = { name: 'payment.received', correlationKey: other, timeToLive: 0, variables: { paymentId: 'PAY-OTHER-1', paymentCents: schedule[0], bookedAt: world.isoDateIn(0) } };
        expect((await world.publish(payment)).sort()).toEqual([c.processInstanceKey, deferral].sort());
        await world.engine.advanceClock('P63D');
        expect((await world.tasksOf(deferral)).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${FOLLOW_UP}:CREATED`]);
        // when the deferral hears the insolvency first, then it closes its plan as insolvent and ends; the case claims after the call
        expect(await world.publish({ name: 'employer.insolvent', correlationKey: other, timeToLive: 0, variables: { insolvencyDate: '2026-11-20' } })).toEqual([deferral]);
        expect(world.endEvents(deferral).at(-1)).toBe('EndEvent_Insolvent');
        expect(await world.workbench.deferralPlans(other)).toEqual([`PLAN-${requestId(c)}:INSOLVENT`]);
        expect(await c.openTasks()).toEqual([CLAIM_AFTER_DEFERRAL]);
        expect(await c.variables()).toMatchObject({ deferralOutcome: 'insolvent', deferralPaidCents: 20_833, amountDueCents: 104_167 });
        // when the same insolvency then reaches the case, its event sub-process replaces that claim, closing nothing more
        expect(await c.insolvent('2026-11-20')).toEqual([c.processInstanceKey]);
        expect(await world.workbench.deferralPlans(other)).toEqual([`PLAN-${requestId(c)}:INSOLVENT`]);
        expect(await c.variables()).toMatchObject({ planClosedByInsolvency: false, amountDueCents: 104_167 });
        // then, as in the other order, exactly one claim is open, for the same rest, and filing it ends the case
        expect((await world.engine.searchUserTasks({ rootProcessInstanceKey: c.processInstanceKey, state: 'CREATED' })).map((t) => t.elementId)).toEqual([CLAIM]);
        expect((await world.engine.searchVariables({ processInstanceKey: c.processInstanceKey, name: 'claimedAmountCents' })).map((v) => v.value)).toContain(104_167);
        await c.complete(CLAIM, { ...claim, claimedAmountCents: 104_167 });
        expect(await c.state()).toBe('COMPLETED');
        expect(c.endEvents().filter((e) => e.startsWith('EndEvent_Claimed'))).toEqual(['EndEvent_ClaimedInInsolvency']);
      });

      it('should ask for the number of instalments (2 to 24) and a reason only for an instalment plan', async () => {
        // given an open contact task, then the form refuses a plan without its details or with 25 instalments
        const c = await atContact(world);
        await expect(c.complete(CONTACT, { contactOutcome: 'instalment-plan', contactChannel: 'phone' })).rejects.toThrow(/requestedInstalments/);
        await expect(c.complete(CONTACT, { ...planRequest, requestedInstalments: 25 })).rejects.toThrow(/at most 24/);
        expect(await c.openTasks()).toEqual([CONTACT]);
      });
    });
  });
}
