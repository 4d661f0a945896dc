/*
 * recovery.bpmn contract, suspected fraud (a real inspection) and further debts of an open case: on any engine under test, started and paid the way the event router does it
 * (event-routes.json), tasks completed with values their forms accept, time moved by the engine clock.
 */
import { scenarioNeeding, type EngineUnderTestFactory } from './engine-under-test';
import { RecoveryCase } from './recovery-case';
import { atContact, CONTACT, PREPARE, REMINDER, unreachable } from './recovery-steps';
import { DAY_MS, ScenarioWorld } from './scenario-world';

export function defineRecoveryLinksContract(factory: EngineUnderTestFactory): void {
  describe('recovery.bpmn contract: suspected fraud (a real inspection) and further debts of an open case', () => {
    let world: ScenarioWorld;
    // A debt published with a time to live: this scenario checks the instance it reached.
    const itReach = scenarioNeeding(factory, 'bufferedPublicationReach');

    beforeAll(async () => {
      world = await ScenarioWorld.create(factory);
    });
    afterEach(async () => {
      await world.cancelOpenInstances();
    });
    afterAll(async () => {
      await world.close();
    });

    describe('suspected fraud', () => {
      const TRIAGE = 'Activity_Triage';

      it('should publish inspection.requested for the inspection service and go on with the contact outcome', async () => {
        // given an open contact task, when the agent records a promise and ticks "suspected fraud"
        const c = await atContact(world);
        const reason = 'Workers paid in cash according to a former employee.';
        await c.complete(CONTACT, { contactOutcome: 'promise', promisedDate: world.isoDateIn(7), contactChannel: 'visit', suspectedFraud: true, fraudReason: reason });
        // then the real publish-message worker published the agreed message, keyed by enterprise number
        expect(c.published()).toEqual([{
          name: 'inspection.requested', correlationKey: c.enterpriseNumber, timeToLive: DAY_MS, messageId: `inspection-requested-DEBT-${c.enterpriseNumber}-1-1`,
          variables: { enterpriseNumber: c.enterpriseNumber, employerName: `Employer ${c.enterpriseNumber}`, requestedBy: 'recovery', recoveryCaseId: `DEBT-${c.enterpriseNumber}-1`, reason },
        }]);
        expect(c.endEvents()).toEqual(['EndEvent_InspectionRequested']);
        // and a real inspection of this employer started from it, with the request, and waits for its triage
        const [inspection, ...more] = await c.instances('inspection');
        expect([inspection?.state, more]).toEqual(['ACTIVE', []]);
        expect(await world.engine.getVariables(inspection?.key as string)).toMatchObject({
          origin: 'recovery', enterpriseNumber: c.enterpriseNumber, requests: [{ requestedBy: 'recovery', recoveryCaseId: `DEBT-${c.enterpriseNumber}-1`, reason }],
        });
        expect((await world.tasksOf(inspection?.key as string)).map((t) => `${t.elementId}:${t.state}`)).toEqual([`${TRIAGE}:CREATED`]);
        // and the recovery goes on: it waits for the promised payment and ends Paid on it
        expect(await c.state()).toBe('ACTIVE');
        await c.pay(125_000);
        expect(c.endEvents()).toEqual(['EndEvent_InspectionRequested', 'EndEvent_PaidAfterPromise']);
      });

      it('should publish nothing when fraud is not suspected, and require a reason when it is', async () => {
        // given an open contact task, then a ticked box without a reason is refused
        const c = await atContact(world);
        await expect(c.complete(CONTACT, { ...unreachable, suspectedFraud: true })).rejects.toThrow(/fraudReason/);
        // when the agent records the outcome without suspecting fraud, then no inspection is requested
        await c.complete(CONTACT, { ...unreachable, suspectedFraud: false });
        expect(c.published()).toEqual([]);
        expect(await c.instances('inspection')).toEqual([]);
        expect(await c.openTasks()).toEqual([PREPARE]);
      });

      it('should add the request to the employer’s open inspection instead of starting a second one', async () => {
        // given an employer whose inspection a fraud signal opened, and its recovery case at the contact
        const c = await atContact(world);
        const [signalled] = await c.fraudSignal(0.9, ['NO_DIMONA']);
        expect(await c.instances('inspection')).toEqual([{ key: signalled, state: 'ACTIVE' }]);
        // when the agent suspects fraud too
        const reason = 'Same workers seen under another company name.';
        await c.complete(CONTACT, { ...unreachable, suspectedFraud: true, fraudReason: reason });
        // then the open inspection took the request (its event sub-process), still one inspection with one triage
        expect(await c.instances('inspection')).toEqual([{ key: signalled, state: 'ACTIVE' }]);
        expect(world.endEvents(signalled as string)).toEqual(['EndEvent_RequestAdded']);
        expect(await world.engine.getVariables(signalled as string)).toMatchObject({
          origin: 'fraud-signal', requests: [{ requestedBy: 'recovery', recoveryCaseId: `DEBT-${c.enterpriseNumber}-1`, reason }],
        });
        expect((await world.tasksOf(signalled as string)).filter((t) => t.state === 'CREATED').map((t) => t.elementId)).toEqual([TRIAGE]);
        // and the recovery went on with its own outcome
        expect(await c.openTasks()).toEqual([PREPARE]);
      });
    });

    describe('a further debt of an employer with an open case', () => {
      const caseCount = async (c: RecoveryCase): Promise<number> => (await c.instances('recovery')).length;

      it('should be added to the open case while it waits for payment, without restarting the wait', async () => {
        // given a debt reminded 10 days ago
        const c = new RecoveryCase(world);
        await c.detectDebt(125_000);
        await world.engine.advanceClock('P10D');
        // when a second debt of the same employer is detected
        expect(await c.detectDebt(30_000, 0, '2026-Q4')).toEqual([c.processInstanceKey]);
        // then it joins the open case, whose instance took the message (no new case, no second reminder), and the amount rises
        expect(await caseCount(c)).toBe(1);
        expect(await c.amountDueCents()).toBe(155_000);
        expect(await c.debtList()).toEqual([`DEBT-${c.enterpriseNumber}-1:2026-Q3:125000`, `DEBT-${c.enterpriseNumber}-2:2026-Q4:30000`]);
        expect(c.endEvents()).toEqual(['EndEvent_DebtAdded']);
        expect(c.jobs()).toEqual([REMINDER]);
        // and the 15 days still count from the reminder: 5 more days open "Contact employer" with the total
        await world.engine.advanceClock('P5D');
        expect(await c.openTasks()).toEqual([CONTACT]);
        expect(await c.amountDueCents()).toBe(155_000);
        // and only both debts paid close the case
        await c.pay(125_000);
        expect(await c.state()).toBe('ACTIVE');
        await c.pay(30_000);
        expect(c.endEvents()).toEqual(['EndEvent_DebtAdded', 'EndEvent_PartlyPaidDuringContact', 'EndEvent_PaidDuringContact']);
      });

      it('should raise the amount of the open "Contact employer" task and leave it with its agent', async () => {
        // given an open contact task claimed by an agent
        const c = await atContact(world);
        const claimed = await c.claim(CONTACT, 'agent1');
        // when a second debt is detected for the same enterprise number
        expect(await c.detectDebt(30_000, 0, '2026-Q4')).toEqual([c.processInstanceKey]);
        // then the same task, still the agent's, shows 1 550,00 EUR and nothing else moved
        expect((await c.tasks()).map((t) => [t.key, t.state, t.assignee])).toEqual([[claimed.key, 'CREATED', 'agent1']]);
        expect(await c.amountDueCents()).toBe(155_000);
        expect(await caseCount(c)).toBe(1);
        expect(c.jobs()).toEqual([REMINDER]);
        expect(c.endEvents()).toEqual(['EndEvent_DebtAdded']);
        // and the form the agent opens shows the total and both debts
        const variables = await world.engine.getVariables(c.processInstanceKey);
        expect(variables).toMatchObject({ amountDueCents: 155_000, debts: [expect.objectContaining({ quarter: '2026-Q3' }), expect.objectContaining({ quarter: '2026-Q4', amountCents: 30_000 })] });
      });

      itReach('should also join the open case when published with a time to live, and start nothing once the case ends', async () => {
        // given an open case, and a second debt published with a TTL of one day
        const c = await atContact(world);
        expect(await c.detectDebt(30_000, DAY_MS)).toEqual([c.processInstanceKey]);
        expect(await c.amountDueCents()).toBe(155_000);
        // when the whole amount is paid
        await c.pay(155_000);
        // then the case closes and the buffered message, correlated once for the process, starts no second case
        await world.engine.runDueWork();
        expect(await c.instances('recovery')).toEqual([{ key: c.processInstanceKey, state: 'COMPLETED' }]);
        expect(await c.amountDueCents()).toBe(0);
      });

      it('should start a new case for a debt detected after the previous case ended', async () => {
        // given a case paid in full
        const c = new RecoveryCase(world);
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
}
