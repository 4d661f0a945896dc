/*
 * recovery.bpmn contract, the contact outcomes and the escalation of overdue tasks: on any engine under test, started and paid the way the event router does it
 * (event-routes.json), tasks completed with values their forms accept, time moved by the engine clock.
 */
import { DateTime } from 'luxon';
import type { EngineUnderTestFactory } from './engine-under-test';
import { APPROVE, atContact, CONTACT, ESCALATE_CONTACT, NOTICE, prepare, PREPARE, REMINDER, REVIEW, unreachable } from './recovery-steps';
import { DAY_MS, ScenarioWorld } from './scenario-world';

export function defineRecoveryContactContract(factory: EngineUnderTestFactory): void {
  describe('recovery.bpmn contract: the contact outcomes and the escalation of overdue tasks', () => {
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

    describe('after the contact', () => {
      it('should end Paid when a promised payment arrives', async () => {
        // given the employer promised to pay within a week
        const c = await atContact(world);
        await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate: world.isoDateIn(7), contactChannel: 'phone', notes: '' });
        expect(await c.openTasks()).toEqual([]);
        // when a part and then the rest is paid before the date
        await c.pay(100_000);
        expect(c.endEvents()).toEqual([]);
        await c.pay(25_000);
        // then the case ends Paid after the promise
        expect(c.endEvents()).toEqual(['EndEvent_PaidAfterPromise']);
        expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`]);
      });

      it('should transfer to the bailiff when a promise is broken and the transfer is approved', async () => {
        // given a promise to pay within 2 days
        const c = await atContact(world);
        const promisedDate = world.isoDateIn(2);
        await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate, contactChannel: 'email' });
        // when the promised day passes (23:59:59 in Brussels) without payment: a second before it nothing happens
        const deadline = DateTime.fromISO(`${promisedDate}T23:59:59`, { zone: 'Europe/Brussels' }).toJSDate();
        await world.engine.pinClock(new Date(deadline.getTime() - 1000));
        await world.engine.runDueWork();
        expect(await c.openTasks()).toEqual([]);
        await world.engine.pinClock(deadline);
        await world.engine.runDueWork();
        // then a transfer is prepared by an agent and approved by a lead (four eyes)
        expect(await c.openTasks()).toEqual([PREPARE]);
        await c.complete(PREPARE, { transferReason: 'broken-promise', bailiffReference: 'BAIL-2026-000123', transferNotes: 'Promise of payment not kept.' }, 'agent1');
        expect(await c.openTasks()).toEqual([APPROVE]);
        await c.complete(APPROVE, { transferApproved: true, approvalComment: 'Agreed.' }, 'lead1');
        // and the bailiff gets the debt, the employer the notice, and the case ends transferred
        expect(c.jobs()).toEqual([REMINDER, 'bailiff.transfer', NOTICE]);
        expect(c.endEvents()).toEqual(['EndEvent_Transferred']);
        expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${PREPARE}:COMPLETED`, `${APPROVE}:COMPLETED`]);
        expect(await c.state()).toBe('COMPLETED');
      });

      it('should send the case back to "Contact employer" when the transfer is not approved', async () => {
        // given an unreachable employer and a prepared transfer
        const c = await atContact(world);
        await c.complete(CONTACT, unreachable);
        await prepare(c);
        // when the lead does not approve it
        await c.complete(APPROVE, { transferApproved: false, rejectionReason: 'Try a registered letter first.' }, 'lead1');
        // then a new contact task is open and nothing went to the bailiff
        expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${PREPARE}:COMPLETED`, `${APPROVE}:COMPLETED`, `${CONTACT}:CREATED`]);
        expect(c.jobs()).toEqual([REMINDER]);
        expect(c.endEvents()).toEqual([]);
      });

      it('should cancel the debt when a dispute is upheld', async () => {
        // given the employer disputes the debt
        const c = await atContact(world);
        await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'letter', notes: 'Says the quarter was declared twice.' });
        const review = (await c.tasks()).find((t) => t.elementId === REVIEW);
        expect(review).toMatchObject({ state: 'CREATED', candidateGroups: ['recovery-leads'] });
        expect((review?.dueDate?.getTime() ?? 0) - (review?.createdAt.getTime() ?? 0)).toBe(10 * DAY_MS);
        // when a lead upholds it
        await c.complete(REVIEW, { disputeDecision: 'uphold', disputeComment: 'Double declaration confirmed.' }, 'lead1');
        // then the case ends with the debt cancelled
        expect(c.endEvents()).toEqual(['EndEvent_DebtCancelled']);
        expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${REVIEW}:COMPLETED`]);
      });

      it('should prepare a transfer when a dispute is rejected', async () => {
        // given a disputed debt, when the lead rejects the dispute
        const c = await atContact(world);
        await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'visit' });
        await c.complete(REVIEW, { disputeDecision: 'reject', disputeComment: 'The declarations are distinct.' }, 'lead1');
        // then a transfer is to be prepared
        expect(await c.openTasks()).toEqual([PREPARE]);
        expect(c.endEvents()).toEqual([]);
      });

      it('should prepare a transfer when the employer is unreachable', async () => {
        // given an open contact task, when the agent records the employer as unreachable
        const c = await atContact(world);
        await c.complete(CONTACT, unreachable);
        // then a transfer is to be prepared by recovery agents within 5 days
        const prepareTask = (await c.tasks()).find((t) => t.elementId === PREPARE);
        expect(prepareTask).toMatchObject({ state: 'CREATED', candidateGroups: ['recovery-agents'] });
        expect((prepareTask?.dueDate?.getTime() ?? 0) - (prepareTask?.createdAt.getTime() ?? 0)).toBe(5 * DAY_MS);
      });

      it.each([
        ['Review dispute', REVIEW, 'EndEvent_PaidDuringReview'],
        ['Prepare transfer', PREPARE, 'EndEvent_PaidDuringPrepare'],
        ['Approve transfer', APPROVE, 'EndEvent_PaidDuringApprove'],
      ])('should keep "%s" with its holder on a partial payment and close the case on full payment', async (_name, elementId, paidEnd) => {
        // given a case waiting at the step
        const c = await atContact(world);
        if (elementId === REVIEW) await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'phone' });
        else await c.complete(CONTACT, unreachable);
        if (elementId === APPROVE) await prepare(c);
        expect(await c.openTasks()).toEqual([elementId]);
        const claimed = await c.claim(elementId, 'holder1');
        // when a partial payment arrives, then the step stays as it is, with its holder and the lower amount
        await c.pay(25_000);
        expect((await c.tasks()).filter((t) => t.elementId === elementId).map((t) => `${t.key}:${t.state}:${t.assignee}`))
          .toEqual([`${claimed.key}:CREATED:holder1`]);
        expect(await c.amountDueCents()).toBe(100_000);
        // and when the rest arrives the case ends Paid and the step is canceled
        await c.pay(100_000);
        expect(c.endEvents()).toEqual([paidEnd.replace('Paid', 'PartlyPaid'), paidEnd]);
        expect((await c.tasks()).filter((t) => t.elementId === elementId).map((t) => t.state)).toEqual(['CANCELED']);
        expect(await c.state()).toBe('COMPLETED');
      });
    });

    describe('escalation of overdue tasks to the team leader', () => {
      it('should escalate "Contact employer" at its due date and twice more every 2 days, then stop, leaving the task open', async () => {
        // given an open contact task (due 5 days after it was created)
        const c = await atContact(world);
        const [task] = await c.tasks();
        // when 4 days pass, nothing; at the due date the team leader is told once
        await world.engine.advanceClock('P4D');
        await world.engine.runDueWork();
        expect(c.jobs()).toEqual([REMINDER]);
        await world.engine.advanceClock('P1D');
        await world.engine.runDueWork();
        expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT]);
        // and then every 2 days, 3 times in all (R3), after which the cycle is spent and its timer gone
        await world.engine.advanceClock('P2D');
        await world.engine.runDueWork();
        await world.engine.advanceClock('P2D');
        await world.engine.runDueWork();
        expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT, ESCALATE_CONTACT, ESCALATE_CONTACT]);
        await world.engine.advanceClock('P10D');
        await world.engine.runDueWork();
        expect(c.jobs()).toHaveLength(4);
        // the very same task stays open with the agents
        expect((await c.tasks()).map((t) => `${t.key}:${t.state}`)).toEqual([`${task?.key}:CREATED`]);
        expect(c.endEvents()).toEqual(['EndEvent_Escalated', 'EndEvent_Escalated', 'EndEvent_Escalated']);
      });

      it('should stop escalating once the task is completed', async () => {
        // given a contact task escalated once at its due date
        const c = await atContact(world);
        await world.engine.advanceClock('P5D');
        await world.engine.runDueWork();
        expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT]);
        // when the agent completes it
        await c.complete(CONTACT, unreachable);
        // then its reminder cycle is gone: the next two cycle dates bring no escalation of it
        await world.engine.advanceClock('P4D');
        await world.engine.runDueWork();
        expect(c.jobs().filter((j) => j === ESCALATE_CONTACT)).toHaveLength(1);
      });

      it.each([
        ['Review dispute', REVIEW, 10],
        ['Prepare transfer', PREPARE, 5],
        ['Approve transfer', APPROVE, 3],
      ])('should escalate "%s" to the team leader at its due date and keep it open', async (_name, elementId, days) => {
        // given a case waiting at the step
        const c = await atContact(world);
        if (elementId === REVIEW) await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'phone' });
        else await c.complete(CONTACT, unreachable);
        if (elementId === APPROVE) await prepare(c);
        const step = (await c.tasks()).find((t) => t.elementId === elementId && t.state === 'CREATED');
        expect((step?.dueDate?.getTime() ?? 0) - (step?.createdAt.getTime() ?? 0)).toBe(days * DAY_MS);
        // when the due date passes (a day earlier nothing happens)
        await world.engine.advanceClock(`P${days - 1}D`);
        await world.engine.runDueWork();
        expect(c.jobs().filter((j) => j.startsWith('recovery.notify-escalation'))).toEqual([]);
        await world.engine.advanceClock('P1D');
        await world.engine.runDueWork();
        // then the team leader is told which task is late, and the task stays open
        expect(c.jobs().filter((j) => j.startsWith('recovery.notify-escalation'))).toEqual([`recovery.notify-escalation/${elementId}`]);
        expect(await c.openTasks()).toEqual([elementId]);
      });
    });
  });
}
