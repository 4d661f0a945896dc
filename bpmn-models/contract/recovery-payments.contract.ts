/*
 * recovery.bpmn contract, payments before and around the first contact: on any engine under test, started and paid the way the event router does it
 * (event-routes.json), tasks completed with values their forms accept, time moved by the engine clock.
 */
import type { EngineUnderTestFactory } from './engine-under-test';
import { RecoveryCase } from './recovery-case';
import { atContact, CONTACT, ESCALATE_CONTACT, PREPARE, REMINDER } from './recovery-steps';
import { DAY_MS, ScenarioWorld } from './scenario-world';

export function defineRecoveryPaymentsContract(factory: EngineUnderTestFactory): void {
  describe('recovery.bpmn contract: payments before and around the first contact', () => {
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

    describe('a payment booked while the reminder is being sent', () => {
      it('should take a partial payment and go on waiting for the rest', async () => {
        // given a debt whose e-Box reminder has not been sent yet
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000, 0, '2026-Q3', false);
        // when 500,00 EUR is paid before the reminder job ran (the router keeps an employer's events in order)
        expect(await c.pay(50_000)).toEqual([c.processInstanceKey]);
        // then the payment is not lost: 750,00 EUR is due, the reminder went out and the case waits for the rest
        expect(await c.amountDueCents()).toBe(75_000);
        expect(c.endEvents()).toEqual(['EndEvent_PartlyPaidDuringReminder']);
        expect(c.jobs()).toEqual([REMINDER]);
        expect(await c.state()).toBe('ACTIVE');
      });

      it('should end the case when the payment covers the debt', async () => {
        // given a debt whose e-Box reminder has not been sent yet
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000, 0, '2026-Q3', false);
        // when the whole debt is paid
        await c.pay(125_000);
        // then the case ends Paid and no reminder is sent any more
        expect(c.endEvents()).toEqual(['EndEvent_PaidDuringReminder']);
        expect(await c.state()).toBe('COMPLETED');
        expect(c.jobs()).toEqual([]);
      });
    });

    describe('waiting for payment after the reminder', () => {
      it('should end Paid when a payment covers the debt', async () => {
        // given a detected debt, reminded through the e-Box
        const c = new RecoveryCase(world);
        expect(await c.detectDebt(125_000)).toHaveLength(1);
        expect(c.jobs()).toEqual([REMINDER]);
        // when the employer pays it in full
        expect(await c.pay(125_000)).toEqual([c.processInstanceKey]);
        // then the case ends Paid without any task
        expect(c.endEvents()).toEqual(['EndEvent_PaidAfterWait']);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.tasks()).toEqual([]);
      });

      it('should keep waiting after a partial payment, with a fresh 15 days, and end Paid on the rest', async () => {
        // given a debt reminded 10 days ago
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000);
        await world.engine.advanceClock('P10D');
        // when 500,00 EUR is paid
        await c.pay(50_000);
        // then 750,00 EUR is still due and the wait restarts: 10 more days bring no contact, 15 do
        expect(await c.amountDueCents()).toBe(75_000);
        expect(c.endEvents()).toEqual([]);
        await world.engine.advanceClock('P10D');
        expect(await c.openTasks()).toEqual([]);
        // and when the rest is paid the case ends Paid
        await c.pay(75_000);
        expect(c.endEvents()).toEqual(['EndEvent_PaidAfterWait']);
        expect(await c.amountDueCents()).toBe(0);
        expect(c.jobs()).toEqual([REMINDER]);
      });

      it('should open "Contact employer" for recovery agents, due 5 engine days later, when 15 days pass', async () => {
        // given a debt nobody paid, when 15 days pass on the engine clock
        const c = await atContact(world);
        // then one task waits for recovery agents, with the amount and a due date 5 days after its creation on the engine
        // clock (not the system clock, which lags behind in demo mode), in a case of version 1 of "Amicable recovery"
        const [task] = await c.tasks();
        expect(task).toMatchObject({ elementId: CONTACT, state: 'CREATED', candidateGroups: ['recovery-agents'] });
        expect(await c.amountDueCents()).toBe(125_000);
        expect(task?.createdAt.getTime()).toBeGreaterThan(Date.now() + 14 * DAY_MS);
        expect((task?.dueDate?.getTime() ?? 0) - (task?.createdAt.getTime() ?? 0)).toBe(5 * DAY_MS);
        const instance = await world.engine.getProcessInstance(c.processInstanceKey);
        expect(instance).toMatchObject({ bpmnProcessId: 'recovery', version: 1, state: 'ACTIVE' });
        expect((await world.engine.listProcessDefinitions()).find((d) => d.key === instance?.processDefinitionKey)?.name).toBe('Amicable recovery');
      });

      it('should not start anything for a payment of an employer without an open case', async () => {
        // given an employer without a case, when a payment arrives (TTL PT0S), then nothing waits for it and nothing keeps it
        expect(await new RecoveryCase(world).pay(10_000)).toEqual([]);
      });
    });

    describe('while "Contact employer" is open', () => {
      it('should escalate an untouched task after 5 days and leave it open (non-interrupting)', async () => {
        // given an open contact task
        const c = await atContact(world);
        const [before] = await c.tasks();
        // when 5 days pass without anyone completing it
        await world.engine.advanceClock('P5D');
        await world.engine.runDueWork();
        // then the team leader is notified and the very same task stays open
        expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT]);
        expect(c.endEvents()).toEqual(['EndEvent_Escalated']);
        expect(await c.state()).toBe('ACTIVE');
        expect((await c.tasks()).map((t) => [t.key, t.state])).toEqual([[before?.key, 'CREATED']]);
      });

      it('should end the whole case at the terminate end "Paid" and cancel the task when a payment covers the debt', async () => {
        // given an open contact task claimed by an agent
        const c = await atContact(world);
        await c.claim(CONTACT, 'agent1');
        // when the whole debt is paid
        await c.pay(125_000);
        // then the case ends Paid (terminate end: nothing else of the case goes on) and the task is canceled
        expect(c.endEvents()).toEqual(['EndEvent_PaidDuringContact']);
        expect(await c.taskTrail()).toEqual([`${CONTACT}:CANCELED`]);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.instances('recovery')).toEqual([{ key: c.processInstanceKey, state: 'COMPLETED' }]);
      });

      it('should leave the claimed task with its agent, showing the lower amount, after a partial payment', async () => {
        // given an open contact task an agent claimed two days ago
        const c = await atContact(world);
        const claimed = await c.claim(CONTACT, 'agent1');
        await world.engine.advanceClock('P2D');
        // when 250,00 EUR is paid (non-interrupting boundary)
        await c.pay(25_000);
        // then it is the very same task, still held by the agent, with its due date, and 1 000,00 EUR is due
        const tasks = await c.tasks();
        expect(tasks.map((t) => [t.key, t.state, t.assignee, t.dueDate?.getTime()])).toEqual([[claimed.key, 'CREATED', 'agent1', claimed.dueDate?.getTime()]]);
        expect(await c.amountDueCents()).toBe(100_000);
        expect(c.endEvents()).toEqual(['EndEvent_PartlyPaidDuringContact']);
        expect(await c.state()).toBe('ACTIVE');
        // and the agent completes it as usual
        await c.complete(CONTACT, { contactOutcome: 'unreachable', contactChannel: 'phone' });
        expect(c.endEvents()).toEqual(['EndEvent_PartlyPaidDuringContact']);
        expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${PREPARE}:CREATED`]);
      });

      it('should still escalate after 5 days when a partial payment came in between (the timer is not restarted)', async () => {
        // given an open contact task, partly paid after 3 days
        const c = await atContact(world);
        await world.engine.advanceClock('P3D');
        await c.pay(25_000);
        // when 2 more days pass
        await world.engine.advanceClock('P2D');
        await world.engine.runDueWork();
        // then the team leader is told, 5 days after the task was created
        expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT]);
        expect(await c.openTasks()).toEqual([CONTACT]);
      });
    });
  });
}
