/*
 * inspection.bpmn contract, every path on any engine under test: started the way the event router
 * (fraud.signal), a recovery case (inspection.requested) and a team lead (none start) do it, tasks completed with
 * values their forms accept. A regularisation really reaches recovery.bpmn through the real publish-message worker.
 */
import { scenarioNeeding, type EngineUnderTestFactory } from './engine-under-test';
import { InspectionCase } from './inspection-case';
import { DAY_MS, ScenarioWorld } from './scenario-world';

const TRIAGE = 'Activity_Triage';
const INVESTIGATE = 'Activity_Investigate';
const REPORT = 'Activity_Report';
const REGISTER = 'inspection.register';
const PUBLISH = 'werkbank.publish-message';

export function defineInspectionContract(factory: EngineUnderTestFactory): void {
  describe('inspection.bpmn contract', () => {
    let world: ScenarioWorld;
    // The recovery request is published with a time to live; these scenarios check the instances it reached.
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

    const isoDateIn = (days: number) => new Date(world.engine.now().getTime() + days * DAY_MS).toISOString().slice(0, 10);
    const investigate = { triageDecision: 'investigate', inspector: 'inspector1', triageInstructions: 'Check the workers on site.' };
    const investigation = () => ({
      plannedVisitDate: isoDateIn(7), findings: 'Four workers on site without a Dimona declaration.', fieldNotes: 'Visited with the social inspection.',
      evidence: [{ documentReference: 'DIMONA/2026/0042', description: 'Dimona extract' }, { documentReference: 'PHOTO-1', description: 'Site photo' }],
    });

    /** A fraud signal triaged to investigation by ilead1 for inspector1, the investigation done: "Report" is open. */
    async function atReport(): Promise<InspectionCase> {
      const c = new InspectionCase(world);
      await c.fraudSignal(0.91, ['NO_DIMONA', 'CROSS_BORDER']);
      await c.complete(TRIAGE, investigate, 'ilead1');
      await c.complete(INVESTIGATE, investigation(), 'inspector1');
      expect(await c.openTasks()).toEqual([REPORT]);
      return c;
    }

    describe('starts', () => {
      it('should open a triage for the inspection leads, due in 5 days, from a fraud signal', async () => {
        // given an employer without an inspection, when the fraud detection signals it
        const c = new InspectionCase(world);
        expect(await c.fraudSignal(0.87, ['NO_DIMONA', 'LATE_DECLARATIONS'])).toEqual([c.processInstanceKey]);
        // then one case is registered under its inspection number and waits for an inspection lead's triage
        expect(c.jobs()).toEqual([REGISTER]);
        expect(await c.variables()).toMatchObject({
          origin: 'fraud-signal', inspectionId: `INS-${c.processInstanceKey}`, maxFraudScore: 0.87, riskIndicators: ['NO_DIMONA', 'LATE_DECLARATIONS'], requests: [],
          signals: [{ signalId: `SIG-${c.enterpriseNumber}-1`, fraudScore: 0.87, indicators: ['NO_DIMONA', 'LATE_DECLARATIONS'] }],
        });
        const [task] = await c.tasks();
        expect(task).toMatchObject({ elementId: TRIAGE, state: 'CREATED', assignee: null, candidateGroups: ['inspection-leads'] });
        expect((task?.dueDate?.getTime() ?? 0) - (task?.createdAt.getTime() ?? 0)).toBe(5 * DAY_MS);
        expect(await c.inspections()).toEqual([{ key: c.processInstanceKey, state: 'ACTIVE' }]);
      });

      itReach('should open a triage from a recovery case’s request, with the request on the case', async () => {
        // when a recovery case of the employer asks for an inspection
        const c = new InspectionCase(world);
        expect(await c.requestFromRecovery('4503599627370497', 'Employer suspected of hiding workers.')).toHaveLength(1);
        // then the inspection is open with the request, the employer's name from the request, and no fraud signal yet
        expect(await c.variables()).toMatchObject({
          origin: 'recovery', employerName: `Employer ${c.enterpriseNumber}`, signals: [], riskIndicators: [], maxFraudScore: null,
          requests: [{ requestedBy: 'recovery', recoveryCaseId: '4503599627370497', reason: 'Employer suspected of hiding workers.' }],
        });
        expect(await c.openTasks()).toEqual([TRIAGE]);
      });

      it('should open a triage for an inspection opened by hand', async () => {
        // when an inspection lead opens an inspection without any signal
        const c = new InspectionCase(world);
        await c.openByHand('ilead1', 'Press article about the employer.');
        // then it is registered like the others, named after the employer number while the register knows no name
        expect(await c.variables()).toMatchObject({
          origin: 'manual', inspectionId: `INS-${c.processInstanceKey}`, signals: [], requests: [{ requestedBy: 'ilead1', recoveryCaseId: null, reason: 'Press article about the employer.' }],
          employerName: `${c.enterpriseNumber.slice(0, 4)}.${c.enterpriseNumber.slice(4, 7)}.${c.enterpriseNumber.slice(7)}`,
        });
        expect(await c.openTasks()).toEqual([TRIAGE]);
      });
    });

    describe('an employer whose inspection is open', () => {
      it('should add a further fraud signal to the open case without touching the triage', async () => {
        // given an open triage
        const c = new InspectionCase(world);
        await c.fraudSignal(0.6, ['NO_DIMONA']);
        const [before] = await c.tasks();
        // when a second, stronger signal arrives for the same employer
        expect(await c.fraudSignal(0.93, ['NO_DIMONA', 'SHELL_COMPANY'])).toEqual([c.processInstanceKey]);
        // then it joins the case: both signals, the indicators once each, the highest score; same task, nothing new started
        const v = await c.variables();
        expect((v['signals'] as { signalId: string }[]).map((s) => s.signalId)).toEqual([`SIG-${c.enterpriseNumber}-1`, `SIG-${c.enterpriseNumber}-2`]);
        expect([v['riskIndicators'], v['maxFraudScore']]).toEqual([['NO_DIMONA', 'SHELL_COMPANY'], 0.93]);
        expect(c.endEvents()).toEqual(['EndEvent_SignalAdded']);
        expect((await c.tasks()).map((t) => [t.key, t.state])).toEqual([[before?.key, 'CREATED']]);
        expect(await c.inspections()).toHaveLength(1);
      });

      itReach('should add a fraud signal to an inspection opened by hand, and a recovery request to a signalled one', async () => {
        // given an inspection opened by hand (no correlation key of its own) and one opened by a signal
        const manual = new InspectionCase(world);
        await manual.openByHand('ilead1', 'Tip from a trade union.');
        const signalled = new InspectionCase(world);
        await signalled.fraudSignal(0.7, ['CROSS_BORDER']);
        // when a signal reaches the first and a recovery case asks to inspect the second
        expect(await manual.fraudSignal(0.8, ['SHELL_COMPANY'])).toEqual([manual.processInstanceKey]);
        expect(await signalled.requestFromRecovery('4503599627370501', 'Promised payment never came.')).toEqual([signalled.processInstanceKey]);
        // then each joins the open case, which keeps one open triage
        expect(await manual.variables()).toMatchObject({ riskIndicators: ['SHELL_COMPANY'], maxFraudScore: 0.8 });
        expect(((await signalled.variables())['requests'] as { recoveryCaseId: string }[]).map((r) => r.recoveryCaseId)).toEqual(['4503599627370501']);
        expect(signalled.endEvents()).toEqual(['EndEvent_RequestAdded']);
        expect([await manual.inspections(), await signalled.inspections()].map((cases) => cases.length)).toEqual([1, 1]);
        expect([await manual.openTasks(), await signalled.openTasks()]).toEqual([[TRIAGE], [TRIAGE]]);
      });

      it('should add a signal during the investigation and leave the inspector’s task as it was', async () => {
        // given an investigation assigned to inspector1
        const c = new InspectionCase(world);
        await c.fraudSignal(0.8, ['NO_DIMONA']);
        await c.complete(TRIAGE, investigate, 'ilead1');
        const [, before] = await c.tasks();
        // when a further signal arrives
        await c.fraudSignal(0.5, ['UNDERSTATED_WAGES']);
        // then the inspector keeps the same task and sees the new indicator
        expect((await c.tasks()).filter((t) => t.state === 'CREATED')).toEqual([before]);
        expect((await c.variables())['riskIndicators']).toEqual(['NO_DIMONA', 'UNDERSTATED_WAGES']);
      });
    });

    describe('triage', () => {
      it('should end Dismissed with the reason and motivation, and let a later signal open a new inspection', async () => {
        // given a triage
        const c = new InspectionCase(world);
        await c.fraudSignal(0.31, ['LATE_DECLARATIONS']);
        // when the inspection lead dismisses it with a reason code and a motivation
        await c.complete(TRIAGE, { triageDecision: 'dismiss', dismissalReason: 'false-positive', dismissalMotivation: 'Declarations were late because of a software change.' }, 'ilead1');
        // then the case ends Dismissed and keeps why
        expect(c.endEvents()).toEqual(['EndEvent_Dismissed']);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.variables()).toMatchObject({ triageDecision: 'dismiss', dismissalReason: 'false-positive' });
        expect(await c.inspections()).toEqual([{ key: c.processInstanceKey, state: 'COMPLETED' }]);
        // and a later signal of the employer opens a new inspection
        expect(await c.fraudSignal(0.88, ['NO_DIMONA'])).toHaveLength(1);
        expect((await c.inspections()).map((i) => i.state)).toEqual(['COMPLETED', 'ACTIVE']);
      });

      it('should refuse a dismissal without reason and an investigation without a valid inspector user name', async () => {
        const c = new InspectionCase(world);
        await c.fraudSignal(0.5, ['NO_DIMONA']);
        expect(await c.formErrors(TRIAGE, { triageDecision: 'dismiss', dismissalMotivation: 'short' })).toEqual(['dismissalReason', 'dismissalMotivation']);
        expect(await c.formErrors(TRIAGE, { triageDecision: 'investigate', inspector: 'Inspector One' })).toEqual(['inspector']);
        expect(await c.formErrors(TRIAGE, {})).toEqual(['triageDecision']);
      });

      it('should give the investigation to the chosen inspector, due in 30 days, visible to all inspectors', async () => {
        // given a triage, when the lead opens an investigation for inspector2
        const c = new InspectionCase(world);
        await c.fraudSignal(0.9, ['NO_DIMONA']);
        await c.complete(TRIAGE, { triageDecision: 'investigate', inspector: 'inspector2' }, 'ilead1');
        // then the investigation is inspector2's, in the inspectors' queue, due 30 days later
        const task = (await c.tasks()).find((t) => t.elementId === INVESTIGATE);
        expect(task).toMatchObject({ state: 'CREATED', assignee: 'inspector2', candidateGroups: ['inspectors'] });
        expect((task?.dueDate?.getTime() ?? 0) - (task?.createdAt.getTime() ?? 0)).toBe(30 * DAY_MS);
      });
    });

    describe('investigation and report', () => {
      it('should keep the evidence and refuse a past visit date or evidence without reference', async () => {
        const c = new InspectionCase(world);
        await c.fraudSignal(0.9, ['NO_DIMONA']);
        await c.complete(TRIAGE, investigate, 'ilead1');
        expect(await c.formErrors(INVESTIGATE, { ...investigation(), plannedVisitDate: isoDateIn(-1) })).toEqual(['plannedVisitDate']);
        expect(await c.formErrors(INVESTIGATE, { ...investigation(), evidence: [{ documentReference: '', description: 'x' }] })).toEqual(['evidence[0].documentReference']);
        // when the inspector completes the investigation
        await c.complete(INVESTIGATE, investigation(), 'inspector1');
        // then the evidence is on the case and the report is the same inspector's, due 10 days later
        expect((await c.variables())['evidence']).toEqual(investigation().evidence);
        const report = (await c.tasks()).find((t) => t.elementId === REPORT);
        expect(report).toMatchObject({ state: 'CREATED', assignee: 'inspector1', candidateGroups: ['inspectors'] });
        expect((report?.dueDate?.getTime() ?? 0) - (report?.createdAt.getTime() ?? 0)).toBe(10 * DAY_MS);
      });

      it('should end "No infringement" without a job', async () => {
        const c = await atReport();
        await c.complete(REPORT, { outcomeCode: 'none', reportSummary: 'The workers were declared by a subcontractor.' }, 'inspector1');
        expect(c.endEvents()).toEqual(['EndEvent_NoInfringement']);
        expect(await c.state()).toBe('COMPLETED');
        expect(c.jobs()).toEqual([REGISTER]);
        expect(await c.recoveries()).toEqual([]);
      });

      it('should refuse a regularisation without a whole amount in cents or a valid quarter', async () => {
        const c = await atReport();
        const regularisation = { outcomeCode: 'regularisation', regularisationCents: 250_000, regularisationQuarter: '2026-Q2', reportSummary: 'Wages under-declared.' };
        expect(await c.formErrors(REPORT, { ...regularisation, regularisationCents: 0 })).toEqual(['regularisationCents']);
        expect(await c.formErrors(REPORT, { ...regularisation, regularisationCents: 12.5 })).toEqual(['regularisationCents']);
        expect(await c.formErrors(REPORT, { ...regularisation, regularisationQuarter: '2026-Q5' })).toEqual(['regularisationQuarter']);
        expect(await c.formErrors(REPORT, { outcomeCode: 'official-report', reportSummary: 'Infringement established.', officialReportReference: 'PV-1' })).toEqual(['officialReportReference']);
      });

      it('should start a recovery case for the regularised contributions when the employer has none', async () => {
        // given a report, and no recovery case for the employer
        const c = await atReport();
        // when the inspector reports a regularisation of 2 500,00 EUR for 2026-Q2
        await c.complete(REPORT, { outcomeCode: 'regularisation', regularisationCents: 250_000, regularisationQuarter: '2026-Q2', reportSummary: 'Wages under-declared.' }, 'inspector1');
        // then the inspection ends, and debt.detected started a recovery case with exactly that debt
        expect(c.endEvents()).toEqual(['EndEvent_Regularised']);
        expect(c.jobs()).toEqual([REGISTER, PUBLISH]);
        const [recovery] = await c.recoveries();
        expect(recovery?.state).toBe('ACTIVE');
        const debt = await world.engine.getVariables(recovery?.key as string);
        expect(debt).toMatchObject({ enterpriseNumber: c.enterpriseNumber, amountDueCents: 250_000,
          debts: [{ debtId: `REG-INS-${c.processInstanceKey}`, quarter: '2026-Q2', amountCents: 250_000, dueDate: isoDateIn(30) }] });
      });

      it('should add the regularisation to the employer’s open recovery case instead of starting another', async () => {
        // given an employer with an open recovery case of 1 000,00 EUR, and an inspection at the report
        const c = new InspectionCase(world);
        expect(await c.detectDebt(`D-${c.enterpriseNumber}`, 100_000)).toHaveLength(1);
        await c.fraudSignal(0.95, ['NO_DIMONA']);
        await c.complete(TRIAGE, investigate, 'ilead1');
        await c.complete(INVESTIGATE, investigation(), 'inspector1');
        // when the inspector reports a regularisation of 400,00 EUR
        await c.complete(REPORT, { outcomeCode: 'regularisation', regularisationCents: 40_000, regularisationQuarter: '2026-Q1', reportSummary: 'Bonuses not declared.' }, 'inspector1');
        // then the one recovery case owes both debts
        const recoveries = await c.recoveries();
        expect(recoveries).toHaveLength(1);
        const debt = await world.engine.getVariables(recoveries[0]?.key as string);
        expect(debt['amountDueCents']).toBe(140_000);
        expect((debt['debts'] as { debtId: string }[]).map((d) => d.debtId)).toEqual([`D-${c.enterpriseNumber}`, `REG-INS-${c.processInstanceKey}`]);
        expect(c.endEvents()).toEqual(['EndEvent_Regularised']);
        // and the buffered message (time to live 1 day) starts no second case once that one has ended
        await world.engine.cancelInstance(recoveries[0]?.key as string);
        await c.detectDebt(`D2-${c.enterpriseNumber}`, 5_000);
        expect((await c.recoveries()).map((r) => r.state)).toEqual(['CANCELED', 'ACTIVE']);
        expect(((await world.engine.getVariables((await c.recoveries())[1]?.key as string))['debts'] as unknown[])).toHaveLength(1);
      });

      it('should file the official report on the case and end', async () => {
        // given a report
        const c = await atReport();
        // when the inspector reports an infringement with its official report reference
        await c.complete(REPORT, { outcomeCode: 'official-report', officialReportReference: 'PV-2026-000123', reportSummary: 'Undeclared work of four persons established.' }, 'inspector1');
        // then the report is filed as a document of the case and the case ends
        expect(c.jobs()).toEqual([REGISTER, 'inspection.file-report']);
        expect(await c.documents()).toEqual(['inspection:official-report: Proces-verbaal PV-2026-000123']);
        expect(c.endEvents()).toEqual(['EndEvent_OfficialReport']);
        expect(await c.state()).toBe('COMPLETED');
        expect(await c.recoveries()).toEqual([]);
      });
    });
  });
}
