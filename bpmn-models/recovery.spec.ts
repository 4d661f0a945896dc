/*
 * Every path of recovery.bpmn on the real embedded engine and a real PostgreSQL: started and paid the way the event
 * router does it (event-routes.json), tasks completed with values their forms accept, time moved by the engine clock.
 * A path is asserted by the end event reached, the jobs run and the user_task rows left behind.
 */
import { DateTime } from 'luxon';
import { DAY_MS, RecoveryWorld, type RecoveryCase } from './recovery-scenario';

const REMINDER = 'ebox.send-letter/recovery-reminder';
const NOTICE = 'ebox.send-letter/forced-recovery-notice';
const CONTACT = 'Activity_ContactEmployer';
const REVIEW = 'Activity_ReviewDispute';
const PREPARE = 'Activity_PrepareTransfer';
const APPROVE = 'Activity_ApproveTransfer';
const ESCALATE_CONTACT = 'recovery.notify-escalation/Activity_ContactEmployer';

describe('recovery.bpmn scenarios', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await RecoveryWorld.create();
  });
  afterEach(async () => {
    await world.cancelOpenInstances();
  });
  afterAll(async () => {
    await world.close();
  });

  /** A debt of 1 250,00 EUR whose 15-day reminder expired: "Contact employer" is open. */
  async function atContact(): Promise<RecoveryCase> {
    const c = world.newCase();
    await c.detectDebt(125_000);
    await world.engine.advanceClock('P15D');
    expect(await c.openTasks()).toEqual([CONTACT]);
    return c;
  }
  const isoDateIn = (days: number) => new Date(world.engine.now().getTime() + days * DAY_MS).toISOString().slice(0, 10);
  const unreachable = { contactOutcome: 'unreachable', contactChannel: 'phone', notes: 'No answer on three calls.' };
  const planRequest = { contactOutcome: 'instalment-plan', contactChannel: 'phone', requestedInstalments: 6, deferralReason: 'Seasonal activity: revenue comes in spring.' };
  const prepare = (c: RecoveryCase) => c.complete(PREPARE, { transferReason: 'unreachable', transferNotes: 'Employer cannot be reached.' }, 'agent1', { preparedBy: 'agent1' });

  describe('a payment booked while the reminder is being sent', () => {
    it('should take a partial payment and go on waiting for the rest', async () => {
      // given a debt whose e-Box reminder has not been sent yet
      const c = world.newCase();
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
      const c = world.newCase();
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
      const c = world.newCase();
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
      const c = world.newCase();
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
      const c = await atContact();
      // then one task waits for recovery agents, named after the process, with the amount and a due date 5 days after
      // its creation on the engine clock (not the system clock, which lags behind in demo mode)
      const [task] = await c.tasks();
      expect(task).toMatchObject({ element_id: CONTACT, state: 'CREATED', process_name: 'Amicable recovery', amount_due: '1250.00', candidate_groups: ['recovery-agents'] });
      expect(task?.created_at.getTime()).toBeGreaterThan(Date.now() + 14 * DAY_MS);
      expect((task?.due_date?.getTime() ?? 0) - (task?.created_at.getTime() ?? 0)).toBe(5 * DAY_MS);
      const [workCase] = await world.db.dataSource.query(`SELECT process_name, process_version, status FROM work_case WHERE id = $1`, [c.processInstanceKey]);
      expect(workCase).toEqual({ process_name: 'Amicable recovery', process_version: 1, status: 'OPEN' });
    });

    it('should not start anything for a payment of an employer without an open case', async () => {
      // given an employer without a case, when a payment arrives (TTL PT0S), then nothing waits for it and nothing keeps it
      expect(await world.newCase().pay(10_000)).toEqual([]);
    });
  });

  describe('while "Contact employer" is open', () => {
    it('should escalate an untouched task after 5 days and leave it open (non-interrupting)', async () => {
      // given an open contact task
      const c = await atContact();
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
      const c = await atContact();
      await c.claim(CONTACT, 'agent1');
      // when the whole debt is paid
      await c.pay(125_000);
      // then the case ends Paid (terminate end: nothing else of the case goes on) and the task is canceled
      expect(c.endEvents()).toEqual(['EndEvent_PaidDuringContact']);
      expect(await c.taskTrail()).toEqual([`${CONTACT}:CANCELED`]);
      expect(await c.state()).toBe('COMPLETED');
      const [workCase] = await world.db.dataSource.query(`SELECT status FROM work_case WHERE id = $1`, [c.processInstanceKey]);
      expect(workCase.status).toBe('CLOSED');
    });

    it('should leave the claimed task with its agent, showing the lower amount, after a partial payment', async () => {
      // given an open contact task an agent claimed two days ago
      const c = await atContact();
      const claimed = await c.claim(CONTACT, 'agent1');
      await world.engine.advanceClock('P2D');
      // when 250,00 EUR is paid (non-interrupting boundary)
      await c.pay(25_000);
      // then it is the very same task, still held by the agent, with its due date, and 1 000,00 EUR is due
      const tasks = await c.tasks();
      expect(tasks.map((t) => [t.key, t.state, t.assignee, t.due_date?.getTime()])).toEqual([[claimed.key, 'CREATED', 'agent1', claimed.due_date?.getTime()]]);
      expect(await c.amountDueCents()).toBe(100_000);
      expect(tasks[0]?.amount_due).toBe('1000.00');
      expect(c.endEvents()).toEqual(['EndEvent_PartlyPaidDuringContact']);
      expect(await c.state()).toBe('ACTIVE');
      // and the agent completes it as usual
      await c.complete(CONTACT, { contactOutcome: 'unreachable', contactChannel: 'phone' });
      expect(c.endEvents()).toEqual(['EndEvent_PartlyPaidDuringContact']);
      expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${PREPARE}:CREATED`]);
    });

    it('should still escalate after 5 days when a partial payment came in between (the timer is not restarted)', async () => {
      // given an open contact task, partly paid after 3 days
      const c = await atContact();
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

  describe('after the contact', () => {
    it('should end Paid when a promised payment arrives', async () => {
      // given the employer promised to pay within a week
      const c = await atContact();
      await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate: isoDateIn(7), contactChannel: 'phone', notes: '' });
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
      const c = await atContact();
      const promisedDate = isoDateIn(2);
      await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate, contactChannel: 'email' });
      const [timer] = await world.db.dataSource.query(`SELECT due_at FROM timer WHERE process_instance_key = $1 AND element_id = 'Event_PromiseBroken'`, [c.processInstanceKey]);
      expect(timer.due_at.toISOString()).toBe(DateTime.fromISO(`${promisedDate}T23:59:59`, { zone: 'Europe/Brussels' }).toUTC().toISO());
      // when the promised day passes (23:59:59 in Brussels) without payment
      await world.engine.advanceClock('P1D');
      expect(await c.openTasks()).toEqual([]);
      await world.engine.advanceClock('P2D');
      // then a transfer is prepared by an agent and approved by a lead (four eyes)
      expect(await c.openTasks()).toEqual([PREPARE]);
      await c.complete(PREPARE, { transferReason: 'broken-promise', bailiffReference: 'BAIL-2026-000123', transferNotes: 'Promise of payment not kept.' }, 'agent1', { preparedBy: 'agent1' });
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
      const c = await atContact();
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
      const c = await atContact();
      await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'letter', notes: 'Says the quarter was declared twice.' });
      const review = (await c.tasks()).find((t) => t.element_id === REVIEW);
      expect(review).toMatchObject({ state: 'CREATED', candidate_groups: ['recovery-leads'] });
      expect((review?.due_date?.getTime() ?? 0) - (review?.created_at.getTime() ?? 0)).toBe(10 * DAY_MS);
      // when a lead upholds it
      await c.complete(REVIEW, { disputeDecision: 'uphold', disputeComment: 'Double declaration confirmed.' }, 'lead1');
      // then the case ends with the debt cancelled
      expect(c.endEvents()).toEqual(['EndEvent_DebtCancelled']);
      expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, `${REVIEW}:COMPLETED`]);
    });

    it('should prepare a transfer when a dispute is rejected', async () => {
      // given a disputed debt, when the lead rejects the dispute
      const c = await atContact();
      await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'visit' });
      await c.complete(REVIEW, { disputeDecision: 'reject', disputeComment: 'The declarations are distinct.' }, 'lead1');
      // then a transfer is to be prepared
      expect(await c.openTasks()).toEqual([PREPARE]);
      expect(c.endEvents()).toEqual([]);
    });

    it('should prepare a transfer when the employer is unreachable', async () => {
      // given an open contact task, when the agent records the employer as unreachable
      const c = await atContact();
      await c.complete(CONTACT, unreachable);
      // then a transfer is to be prepared by recovery agents within 5 days
      const prepareTask = (await c.tasks()).find((t) => t.element_id === PREPARE);
      expect(prepareTask).toMatchObject({ state: 'CREATED', candidate_groups: ['recovery-agents'] });
      expect((prepareTask?.due_date?.getTime() ?? 0) - (prepareTask?.created_at.getTime() ?? 0)).toBe(5 * DAY_MS);
    });

    it.each([
      ['Review dispute', REVIEW, 'EndEvent_PaidDuringReview'],
      ['Prepare transfer', PREPARE, 'EndEvent_PaidDuringPrepare'],
      ['Approve transfer', APPROVE, 'EndEvent_PaidDuringApprove'],
    ])('should keep "%s" with its holder on a partial payment and close the case on full payment', async (_name, elementId, paidEnd) => {
      // given a case waiting at the step
      const c = await atContact();
      if (elementId === REVIEW) await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'phone' });
      else await c.complete(CONTACT, unreachable);
      if (elementId === APPROVE) await prepare(c);
      expect(await c.openTasks()).toEqual([elementId]);
      const claimed = await c.claim(elementId, 'holder1');
      // when a partial payment arrives, then the step stays as it is, with its holder and the lower amount
      await c.pay(25_000);
      expect((await c.tasks()).filter((t) => t.element_id === elementId).map((t) => `${t.key}:${t.state}:${t.assignee}:${t.amount_due}`))
        .toEqual([`${claimed.key}:CREATED:holder1:1000.00`]);
      // and when the rest arrives the case ends Paid and the step is canceled
      await c.pay(100_000);
      expect(c.endEvents()).toEqual([paidEnd.replace('Paid', 'PartlyPaid'), paidEnd]);
      expect((await c.tasks()).filter((t) => t.element_id === elementId).map((t) => t.state)).toEqual(['CANCELED']);
      expect(await c.state()).toBe('COMPLETED');
    });
  });

  describe('escalation of overdue tasks to the team leader', () => {
    it('should escalate "Contact employer" at its due date and twice more every 2 days, then stop, leaving the task open', async () => {
      // given an open contact task (due 5 days after it was created)
      const c = await atContact();
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
      expect(await c.openTimers('Event_ContactOverdue')).toBe(0);
      await world.engine.advanceClock('P10D');
      await world.engine.runDueWork();
      expect(c.jobs()).toHaveLength(4);
      // the very same task stays open with the agents
      expect((await c.tasks()).map((t) => `${t.key}:${t.state}`)).toEqual([`${task?.key}:CREATED`]);
      expect(c.endEvents()).toEqual(['EndEvent_Escalated', 'EndEvent_Escalated', 'EndEvent_Escalated']);
    });

    it('should stop escalating once the task is completed', async () => {
      // given a contact task escalated once at its due date
      const c = await atContact();
      await world.engine.advanceClock('P5D');
      await world.engine.runDueWork();
      expect(c.jobs()).toEqual([REMINDER, ESCALATE_CONTACT]);
      expect(await c.openTimers('Event_ContactOverdue')).toBe(1);
      // when the agent completes it
      await c.complete(CONTACT, unreachable);
      // then its reminder cycle is gone and later days bring no escalation of it
      expect(await c.openTimers('Event_ContactOverdue')).toBe(0);
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
      const c = await atContact();
      if (elementId === REVIEW) await c.complete(CONTACT, { contactOutcome: 'dispute', contactChannel: 'phone' });
      else await c.complete(CONTACT, unreachable);
      if (elementId === APPROVE) await prepare(c);
      const step = (await c.tasks()).find((t) => t.element_id === elementId && t.state === 'CREATED');
      expect((step?.due_date?.getTime() ?? 0) - (step?.created_at.getTime() ?? 0)).toBe(days * DAY_MS);
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

  describe('employer insolvency', () => {
    const CLAIM = 'Activity_ClaimInsolvency';
    const claim = { claimFiledDate: '2026-12-01', curatorName: 'Mr. J. Janssens', claimedAmountCents: 125_000, claimReference: 'RK-2026-0042', claimNotes: '' };

    it('should interrupt a case waiting for payment and claim the debt in the insolvency', async () => {
      // given a reminded debt waiting for payment
      const c = world.newCase();
      await c.detectDebt(125_000);
      // when the employer is declared insolvent
      expect(await c.insolvent('2026-11-20')).toEqual([c.processInstanceKey]);
      // then the wait ends and recovery agents get "Claim in insolvency", due in 10 days, prefilled with the amount due
      const [task] = await c.tasks();
      expect(task).toMatchObject({ element_id: CLAIM, state: 'CREATED', candidate_groups: ['recovery-agents'], amount_due: '1250.00' });
      expect((task?.due_date?.getTime() ?? 0) - (task?.created_at.getTime() ?? 0)).toBe(10 * DAY_MS);
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
      const c = world.newCase();
      await c.detectDebt(125_000, 0, '2026-Q3', false);
      // when the insolvency arrives first, then the reminder is never sent and the claim is open
      await c.insolvent('2026-11-20');
      expect(c.jobs()).toEqual([]);
      expect(await c.openTasks()).toEqual([CLAIM]);
    });

    it.each([
      ['Contact employer', CONTACT],
      ['Approve transfer', APPROVE],
    ])('should cancel the open "%s" task, escalation timer included, and open the claim', async (_name, elementId) => {
      // given a case waiting at a person's task, claimed by them
      const c = await atContact();
      if (elementId === APPROVE) {
        await c.complete(CONTACT, unreachable);
        await prepare(c);
      }
      await c.claim(elementId, 'holder1');
      // when the employer is declared insolvent
      await c.insolvent('2026-11-20');
      // then the task is canceled, its timers with it, and only the claim is open
      expect((await c.tasks()).filter((t) => t.element_id === elementId).at(-1)?.state).toBe('CANCELED');
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
      const c = world.newCase();
      await c.detectDebt(125_000);
      await c.insolvent('2026-11-20');
      // when 10 days pass, then the team leader is told and the claim stays open
      await world.engine.advanceClock('P10D');
      await world.engine.runDueWork();
      expect(c.jobs()).toEqual([REMINDER, `recovery.notify-escalation/${CLAIM}`]);
      expect(await c.openTasks()).toEqual([CLAIM]);
    });

    it('should cancel a running payment deferral with the case and claim the debt', async () => {
      // given a case waiting for the payment deferral it called
      const c = await atContact();
      await c.complete(CONTACT, planRequest);
      expect((await c.deferrals()).map((d) => d.state)).toEqual(['ACTIVE']);
      // when the employer is declared insolvent (recovery and deferral both catch it; the case's event sub-process interrupts)
      expect(await c.insolvent('2026-11-20')).toContain(c.processInstanceKey);
      // then the deferral is over, the case claims the debt, exactly once
      const [deferral] = await c.deferrals();
      expect(['CANCELED', 'COMPLETED']).toContain(deferral?.state);
      expect(await c.openTasks()).toEqual([CLAIM]);
      await c.complete(CLAIM, claim);
      expect(await c.state()).toBe('COMPLETED');
      expect(c.endEvents().filter((e) => e.startsWith('EndEvent_Claimed'))).toEqual(['EndEvent_ClaimedInInsolvency']);
    });
  });

  describe('an instalment plan (call of payment-deferral)', () => {
    it('should call payment-deferral with the agreed inputs and end Paid when the plan pays everything', async () => {
      // given an open contact task, when the employer asks for 6 instalments
      const c = await atContact();
      await c.complete(CONTACT, planRequest);
      // then the deferral runs in the same case with exactly the agreed inputs, and the recovery waits for it
      const [deferral] = await c.deferrals();
      expect(deferral?.variables).toMatchObject({
        enterpriseNumber: c.enterpriseNumber, employerName: `Employer ${c.enterpriseNumber}`, requestId: `REC-DEBT-${c.enterpriseNumber}-1-1`,
        amountCents: 125_000, requestedInstalments: 6, reason: planRequest.deferralReason, origin: 'recovery',
      });
      expect(await c.state()).toBe('ACTIVE');
      expect(await c.openTasks()).toEqual([]);
      // when the plan is paid in full
      await c.decideDeferral('paid', 125_000);
      // then the case ends Paid with nothing due
      expect(c.endEvents()).toEqual(['EndEvent_PaidByDeferral']);
      expect(await c.state()).toBe('COMPLETED');
      expect(await world.engine.getVariables(c.processInstanceKey)).toMatchObject({ deferralOutcome: 'paid', deferralPaidCents: 125_000, amountDueCents: 0 });
    });

    it('should go back to waiting for payment when a further debt joined the case while the plan ran', async () => {
      // given a running plan for 1 250,00 EUR, and a further debt of 300,00 EUR detected meanwhile
      const c = await atContact();
      await c.complete(CONTACT, planRequest);
      await c.detectDebt(30_000, 0, '2026-Q4');
      expect(await c.amountDueCents()).toBe(155_000);
      // when the plan is paid in full
      await c.decideDeferral('paid', 125_000);
      // then 300,00 EUR is still due and the case waits for it; 15 days later an agent contacts the employer again
      expect(await c.amountDueCents()).toBe(30_000);
      expect(await c.state()).toBe('ACTIVE');
      await world.engine.advanceClock('P15D');
      expect((await c.tasks()).filter((t) => t.state === 'CREATED').map((t) => `${t.element_id}:${t.amount_due}`)).toEqual([`${CONTACT}:300.00`]);
    });

    it.each([
      ['rejected', 0, 'deferral-rejected', 125_000],
      ['cancelled', 50_000, 'plan-defaulted', 75_000],
    ] as const)('should prepare a forced-recovery transfer when the plan is %s', async (outcome, paidCents, reason, dueCents) => {
      // given a running plan
      const c = await atContact();
      await c.complete(CONTACT, planRequest);
      // when it ends without paying everything
      await c.decideDeferral(outcome, paidCents);
      // then the instalments paid are deducted and a transfer is to be prepared, its reason prefilled
      expect(await c.amountDueCents()).toBe(dueCents);
      expect(await c.openTasks()).toEqual([PREPARE]);
      expect(await world.engine.getVariables(c.processInstanceKey)).toMatchObject({ transferReason: reason, deferralOutcome: outcome });
      // and the prepare form accepts the reason, so the agent can go on to the four-eyes approval
      await c.complete(PREPARE, { transferReason: reason, transferNotes: `Plan ${outcome}.` }, 'agent1', { preparedBy: 'agent1' });
      expect(await c.openTasks()).toEqual([APPROVE]);
    });

    it('should claim the debt once when the deferral ends insolvent before the case itself hears of the insolvency', async () => {
      // given a running plan, when the deferral ends 'insolvent' first (its own insolvency sub-process took the message)
      const c = await atContact();
      await c.complete(CONTACT, planRequest);
      await c.decideDeferral('insolvent', 0);
      // then the case claims the debt after the call
      expect(await c.openTasks()).toEqual(['Activity_ClaimAfterDeferral']);
      // and when the same insolvency then reaches the case, its event sub-process takes over: still exactly one open claim
      expect(await c.insolvent('2026-11-20')).toEqual([c.processInstanceKey]);
      expect(await c.taskTrail()).toEqual([`${CONTACT}:COMPLETED`, 'Activity_ClaimAfterDeferral:CANCELED', 'Activity_ClaimInsolvency:CREATED']);
      expect((await c.deferrals()).map((d) => d.state)).toEqual(['COMPLETED']);
      await c.complete('Activity_ClaimInsolvency', { claimFiledDate: '2026-12-01', curatorName: 'Mr. J. Janssens', claimedAmountCents: 125_000 });
      expect(await c.state()).toBe('COMPLETED');
    });

    it('should ask for the number of instalments (2 to 24) and a reason only for an instalment plan', async () => {
      // given an open contact task, then the form refuses a plan without its details or with 25 instalments
      const c = await atContact();
      await expect(c.complete(CONTACT, { contactOutcome: 'instalment-plan', contactChannel: 'phone' })).rejects.toThrow(/requestedInstalments/);
      await expect(c.complete(CONTACT, { ...planRequest, requestedInstalments: 25 })).rejects.toThrow(/at most 24/);
      expect(await c.openTasks()).toEqual([CONTACT]);
    });
  });

  describe('suspected fraud', () => {
    it('should publish inspection.requested for the inspection service and go on with the contact outcome', async () => {
      // given an open contact task, when the agent records a promise and ticks "suspected fraud"
      const c = await atContact();
      const reason = 'Workers paid in cash according to a former employee.';
      await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate: isoDateIn(7), contactChannel: 'visit', suspectedFraud: true, fraudReason: reason });
      // then the real publish-message worker published the agreed message, keyed by enterprise number
      expect(c.published()).toEqual([{
        name: 'inspection.requested', correlationKey: c.enterpriseNumber, timeToLive: DAY_MS, messageId: `inspection-requested-DEBT-${c.enterpriseNumber}-1-1`,
        variables: { enterpriseNumber: c.enterpriseNumber, employerName: `Employer ${c.enterpriseNumber}`, requestedBy: 'recovery', recoveryCaseId: `DEBT-${c.enterpriseNumber}-1`, reason },
      }]);
      expect(c.endEvents()).toEqual(['EndEvent_InspectionRequested']);
      // and the recovery goes on: it waits for the promised payment and ends Paid on it
      expect(await c.state()).toBe('ACTIVE');
      await c.pay(125_000);
      expect(c.endEvents()).toEqual(['EndEvent_InspectionRequested', 'EndEvent_PaidAfterPromise']);
    });

    it('should publish nothing when fraud is not suspected, and require a reason when it is', async () => {
      // given an open contact task, then a ticked box without a reason is refused
      const c = await atContact();
      await expect(c.complete(CONTACT, { ...unreachable, suspectedFraud: true })).rejects.toThrow(/fraudReason/);
      // when the agent records the outcome without suspecting fraud, then no inspection is requested
      await c.complete(CONTACT, { ...unreachable, suspectedFraud: false });
      expect(c.published()).toEqual([]);
      expect(await c.openTasks()).toEqual([PREPARE]);
    });
  });

  describe('a further debt of an employer with an open case', () => {
    const caseCount = async (c: RecoveryCase): Promise<number> => {
      const [{ count }] = await world.db.dataSource.query(`SELECT count(*)::int AS count FROM work_case WHERE enterprise_number = $1`, [c.enterpriseNumber]);
      return count;
    };

    it('should be added to the open case while it waits for payment, without restarting the wait', async () => {
      // given a debt reminded 10 days ago
      const c = world.newCase();
      await c.detectDebt(125_000);
      await world.engine.advanceClock('P10D');
      // when a second debt of the same employer is detected
      expect(await c.detectDebt(30_000, 0, '2026-Q4')).toEqual([c.processInstanceKey]);
      // then it joins the open case, whose instance took the message (no new case, no second reminder), and the amount rises
      expect(await caseCount(c)).toBe(1);
      expect(await c.amountDueCents()).toBe(155_000);
      const [workCase] = await world.db.dataSource.query(`SELECT amount_due::text FROM work_case WHERE id = $1`, [c.processInstanceKey]);
      expect(workCase.amount_due).toBe('1550.00');
      expect(await c.debtList()).toEqual([`DEBT-${c.enterpriseNumber}-1:2026-Q3:125000`, `DEBT-${c.enterpriseNumber}-2:2026-Q4:30000`]);
      expect(c.endEvents()).toEqual(['EndEvent_DebtAdded']);
      expect(c.jobs()).toEqual([REMINDER]);
      // and the 15 days still count from the reminder: 5 more days open "Contact employer" with the total
      await world.engine.advanceClock('P5D');
      expect((await c.tasks()).map((t) => `${t.element_id}:${t.amount_due}`)).toEqual([`${CONTACT}:1550.00`]);
      // and only both debts paid close the case
      await c.pay(125_000);
      expect(await c.state()).toBe('ACTIVE');
      await c.pay(30_000);
      expect(c.endEvents()).toEqual(['EndEvent_DebtAdded', 'EndEvent_PartlyPaidDuringContact', 'EndEvent_PaidDuringContact']);
    });

    it('should raise the amount of the open "Contact employer" task and leave it with its agent', async () => {
      // given an open contact task claimed by an agent
      const c = await atContact();
      const claimed = await c.claim(CONTACT, 'agent1');
      // when a second debt is detected for the same enterprise number
      expect(await c.detectDebt(30_000, 0, '2026-Q4')).toEqual([c.processInstanceKey]);
      // then the same task, still the agent's, shows 1 550,00 EUR and nothing else moved
      expect((await c.tasks()).map((t) => [t.key, t.state, t.assignee, t.amount_due])).toEqual([[claimed.key, 'CREATED', 'agent1', '1550.00']]);
      expect(await c.amountDueCents()).toBe(155_000);
      expect(await caseCount(c)).toBe(1);
      expect(c.jobs()).toEqual([REMINDER]);
      expect(c.endEvents()).toEqual(['EndEvent_DebtAdded']);
      // and the form the agent opens shows the total and both debts
      const variables = await world.engine.getVariables(c.processInstanceKey);
      expect(variables).toMatchObject({ amountDueCents: 155_000, debts: [expect.objectContaining({ quarter: '2026-Q3' }), expect.objectContaining({ quarter: '2026-Q4', amountCents: 30_000 })] });
    });

    it('should also join the open case when published with a time to live, and start nothing once the case ends', async () => {
      // given an open case, and a second debt published with a TTL of one day
      const c = await atContact();
      expect(await c.detectDebt(30_000, DAY_MS)).toEqual([c.processInstanceKey]);
      expect(await c.amountDueCents()).toBe(155_000);
      // when the whole amount is paid
      await c.pay(155_000);
      // then the case closes and the buffered message, correlated once for the process, starts no second case
      await world.engine.runDueWork();
      const cases: { amount_due: string; status: string }[] = await world.db.dataSource.query(
        `SELECT amount_due::text, status FROM work_case WHERE enterprise_number = $1 ORDER BY opened_at, id`, [c.enterpriseNumber]);
      expect(cases.map((x) => `${x.status}:${x.amount_due}`)).toEqual(['CLOSED:0.00']);
    });

    it('should start a new case for a debt detected after the previous case ended', async () => {
      // given a case paid in full
      const c = world.newCase();
      await c.detectDebt(125_000);
      await c.pay(125_000);
      expect(await c.state()).toBe('COMPLETED');
      // when a new debt is detected for the employer, then a second case starts with just that debt
      const [second] = await c.detectDebt(30_000);
      expect(second).toBeDefined();
      expect(second).not.toBe(c.processInstanceKey);
      expect(await caseCount(c)).toBe(2);
      expect((await world.engine.getVariables(second as string))['amountDueCents']).toBe(30_000);
    });
  });
});
