/*
 * recovery.bpmn contract, employer insolvency: on any engine under test, started and paid the way the event router does it
 * (event-routes.json), tasks completed with values their forms accept, time moved by the engine clock.
 */
import type { EngineUnderTestFactory } from './engine-under-test';
import { RecoveryCase } from './recovery-case';
import { APPROVE, atContact, CLAIM, claim, CONTACT, planRequest, prepare, REMINDER, unreachable } from './recovery-steps';
import { DAY_MS, ScenarioWorld } from './scenario-world';

/** The case's own "Close a running payment plan" (deferral.close, outcome insolvent) runs before every claim of the event sub-process. */
const CLOSE_PLAN = 'deferral.close';

export function defineRecoveryInsolvencyContract(factory: EngineUnderTestFactory): void {
  describe('recovery.bpmn contract: employer insolvency', () => {
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

    describe('employer insolvency', () => {

      it('should interrupt a case waiting for payment and claim the debt in the insolvency', async () => {
        // given a reminded debt waiting for payment
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000);
        // when the employer is declared insolvent
        expect(await c.insolvent('2026-11-20')).toEqual([c.processInstanceKey]);
        // then the wait ends and recovery agents get "Claim in insolvency", due in 10 days, prefilled with the amount due
        const [task] = await c.tasks();
        expect(task).toMatchObject({ elementId: CLAIM, state: 'CREATED', candidateGroups: ['recovery-agents'] });
        expect((await world.engine.searchVariables({ processInstanceKey: c.processInstanceKey, name: 'claimedAmountCents' })).map((v) => v.value)).toEqual([125_000]);
        expect((task?.dueDate?.getTime() ?? 0) - (task?.createdAt.getTime() ?? 0)).toBe(10 * DAY_MS);
        expect(await world.engine.getVariables(c.processInstanceKey)).toMatchObject({ insolvencyDate: '2026-11-20' });
        const form = await world.engine.getFormForUserTask(task?.key as string);
        expect(form?.formId).toBe('claim-insolvency');
        // and the 15-day wait is gone: 16 days later no contact task opened (the late claim escalated at 10, 12 and 14 days)
        await world.engine.advanceClock('P16D');
        await world.engine.runDueWork();
        expect(await c.openTasks()).toEqual([CLAIM]);
        expect(c.endEvents()).toEqual(['EndEvent_EscalatedClaim', 'EndEvent_EscalatedClaim', 'EndEvent_EscalatedClaim']);
        // and a payment reaches nothing
        expect(await c.pay(10_000)).toEqual([]);
        // when the claim is filed, then the case ends claimed, with what was filed
        await c.complete(CLAIM, claim);
        expect(c.endEvents().at(-1)).toBe('EndEvent_ClaimedInInsolvency');
        expect(await c.state()).toBe('COMPLETED');
        expect(await world.engine.getVariables(c.processInstanceKey)).toMatchObject({ curatorName: 'Mr. J. Janssens', claimedAmountCents: 125_000, claimFiledDate: '2026-12-01' });
      });

      it('should interrupt a case whose reminder is still being sent', async () => {
        // given a debt whose reminder job has not run yet
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000, 0, '2026-Q3', false);
        // when the insolvency arrives first, then the reminder is never sent and the claim is open; the case had no plan to close
        await c.insolvent('2026-11-20');
        expect(c.jobs()).toEqual([CLOSE_PLAN]);
        expect(await c.variables()).toMatchObject({ planClosedByInsolvency: false });
        expect(await c.openTasks()).toEqual([CLAIM]);
      });

      it.each([
        ['Contact employer', CONTACT],
        ['Approve transfer', APPROVE],
      ])('should cancel the open "%s" task, escalation timer included, and open the claim', async (_name, elementId) => {
        // given a case waiting at a person's task, claimed by them
        const c = await atContact(world);
        if (elementId === APPROVE) {
          await c.complete(CONTACT, unreachable);
          await prepare(c);
        }
        await c.claim(elementId, 'holder1');
        // when the employer is declared insolvent
        await c.insolvent('2026-11-20');
        // then the task is canceled, its timers with it, and only the claim is open
        expect((await c.tasks()).filter((t) => t.elementId === elementId).at(-1)?.state).toBe('CANCELED');
        expect(await c.openTasks()).toEqual([CLAIM]);
        await world.engine.advanceClock('P9D');
        await world.engine.runDueWork();
        expect(c.jobs().filter((j) => j.startsWith('recovery.notify-escalation'))).toEqual([]);
        // and a second insolvency message finds nothing more to interrupt
        expect(await c.insolvent('2026-11-21')).toEqual([]);
        expect(await c.openTasks()).toEqual([CLAIM]);
      });

      it('should escalate an unfiled claim to the team leader at its due date', async () => {
        // given an insolvent employer's open claim
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000);
        await c.insolvent('2026-11-20');
        // when 10 days pass, then the team leader is told and the claim stays open
        await world.engine.advanceClock('P10D');
        await world.engine.runDueWork();
        expect(c.jobs()).toEqual([REMINDER, CLOSE_PLAN, `recovery.notify-escalation/${CLAIM}`]);
        expect(await c.openTasks()).toEqual([CLAIM]);
      });

      it('should cancel a running payment deferral with the case and claim the debt', async () => {
        // given a case waiting for the payment deferral it called
        const c = await atContact(world);
        await c.complete(CONTACT, planRequest);
        expect((await c.deferrals()).map((d) => d.state)).toEqual(['ACTIVE']);
        // when the employer is declared insolvent (recovery and deferral both catch it; the case's event sub-process interrupts)
        expect(await c.insolvent('2026-11-20')).toContain(c.processInstanceKey);
        // then the deferral is over and its plan closed as insolvent (by whichever process heard it first), the case claims the debt, exactly once
        const [deferral] = await c.deferrals();
        expect(['CANCELED', 'COMPLETED']).toContain(deferral?.state);
        expect(await world.workbench.deferralPlans(c.enterpriseNumber)).toEqual([`PLAN-REC-DEBT-${c.enterpriseNumber}-1-1:INSOLVENT`]);
        expect(await c.openTasks()).toEqual([CLAIM]);
        await c.complete(CLAIM, claim);
        expect(await c.state()).toBe('COMPLETED');
        expect(c.endEvents().filter((e) => e.startsWith('EndEvent_Claimed'))).toEqual(['EndEvent_ClaimedInInsolvency']);
      });
    });
  });
}
