import type { CaseDetail, TaskDetail } from '@werkbank/shared';
import { activeInstances, openTaskOf, startCase } from '../fixtures/process-cases';
import { expect, screenshotPath, test } from '../fixtures/test';
import { ProcessTaskPage } from '../pages/process-task-page';
import { TaskListPage } from '../pages/task-list-page';

/** A date the date pickers accept (no past days) that the demo clock, weeks ahead of the browser, does not reach. */
function inDays(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date;
}

test.describe('inspection and payment deferral through the UI', () => {
  test('should walk an inspection from a fraud signal to a regularisation that opens a recovery case (Dutch)', async ({ adminApi, pageAs }) => {
    // given a fraud signal for an employer
    const signal = await startCase(adminApi, 'fraud.signal', (number) => ({ signalId: `SIG-${number}`, score: 0.91, indicators: ['CROSS_BORDER_POSTING', 'SHELL_COMPANY'] }));
    const triage = await openTaskOf(adminApi, signal.caseId, 'Activity_Triage');

    // when the inspection lead finds the triage in the team queue, named in Dutch by the model
    const lead = await pageAs('ilead1');
    const leadList = new TaskListPage(lead);
    await lead.goto('/tasks/group');
    await leadList.filterByEmployer(signal.enterpriseNumber);
    const row = leadList.row(signal.formattedNumber, 'Triage');
    // (the filter reloads the list after a pause: open the row once the list shows only this employer)
    await expect(leadList.rows).toHaveCount(1);
    await expect(row).toContainText('Inspectie');
    await leadList.open(row);

    // then the case shows the signal's figures instead of an amount due
    const leadTask = new ProcessTaskPage(lead);
    await expect(leadTask.heading).toHaveText('Triage');
    await expect(leadTask.processFact).toHaveText('Inspectie');
    await expect(leadTask.figure('maxFraudScore')).toContainText('0,91');
    await expect(leadTask.figure('riskIndicators')).toContainText('CROSS_BORDER_POSTING');
    await expect(leadTask.figure('signals')).toContainText('1');
    await expect(leadTask.casePanel.amountDue).toHaveCount(0);
    await expect(leadTask.casePanel.timelineEntries.filter({ hasText: 'Taak “Triage” aangemaakt' })).toHaveCount(1);

    // when they claim it and open an investigation for inspector1
    await leadTask.claimInHeader();
    await leadTask.waitForForm();
    await leadTask.chooseRadio('Een onderzoek openen');
    await leadTask.fillExactly('Inspecteur', 'inspector1');
    await lead.screenshot({ path: screenshotPath('40-inspection-triage-nl'), fullPage: true });
    await leadTask.complete();
    await expect(lead).toHaveURL(/\/tasks\/group/);

    // then a recovery agent who guesses the address of the restricted task is told why it stays closed
    const agent = await pageAs('agent1');
    const agentTask = new ProcessTaskPage(agent);
    await agent.goto(`/tasks/${triage.id}`);
    await expect(agentTask.forbidden).toContainText('You cannot open this task');
    await expect(agentTask.forbidden).toContainText('restricted work');

    // when inspector1 investigates (the task is theirs already)
    const inspector = await pageAs('inspector1');
    const investigate = await openTaskOf(adminApi, signal.caseId, 'Activity_Investigate');
    const inspectorTask = new ProcessTaskPage(inspector);
    await inspectorTask.goto(investigate.id);
    await expect(inspectorTask.heading).toHaveText('Onderzoeken');
    await inspectorTask.waitForForm();
    await inspectorTask.fillLocalDate('Gepland bezoek ter plaatse', inDays(90));
    await inspectorTask.fillText('Vaststellingen', 'Werknemers gedetacheerd zonder A1-formulier, loonlijsten onvolledig.');
    await inspectorTask.fillText('Documentreferentie', 'DOC-2026-001');
    await inspectorTask.fillText('Omschrijving', 'Loonlijsten van het derde kwartaal');
    await inspectorTask.complete();
    await expect(inspector).toHaveURL(/\/tasks\/mine/);

    // and reports a regularisation
    const before = new Set(await activeInstances(adminApi, 'recovery'));
    const report = await openTaskOf(adminApi, signal.caseId, 'Activity_Report');
    await inspectorTask.goto(report.id);
    await expect(inspectorTask.heading).toHaveText('Verslag');
    await inspectorTask.waitForForm();
    await inspectorTask.fillExactly('Besluiten', 'Bijdragen te regulariseren voor het tweede kwartaal.');
    await inspectorTask.chooseRadio('Regularisatie van bijdragen');
    await inspectorTask.fillExactly('Gecorrigeerde bijdragen (eurocent)', '250000');
    await inspectorTask.fillExactly('Kwartaal', '2026-Q2');
    await expect(inspectorTask.form.getByLabel(/^Besluiten\*?$/)).toHaveValue(/tweede kwartaal/);
    await inspector.screenshot({ path: screenshotPath('41-inspection-report-nl'), fullPage: true });
    await inspectorTask.complete();
    await expect(inspector).toHaveURL(/\/tasks\/mine/);

    // then the regularisation is sent to recovery, where it opens a case for the employer with the corrected contributions
    await adminApi.waitFor<CaseDetail>(`/api/cases/${signal.caseId}`, (c) =>
      c.timeline.some((e) => e.kind === 'JOB_COMPLETED' && e.detail?.['elementId'] === 'Activity_SendRegularisation'), 20_000);
    await expect
      .poll(async () => {
        const added = (await activeInstances(adminApi, 'recovery')).filter((k) => !before.has(k));
        const cases = await Promise.all(added.map((key) => adminApi.get<CaseDetail>(`/api/cases/${key}`)));
        return cases.map((c) => ({ employer: c.employer?.enterpriseNumber, amountDue: c.amountDue }));
      }, { timeout: 20_000 })
      .toContainEqual({ employer: signal.enterpriseNumber, amountDue: '2500.00' });
  });

  test('should walk a deferral request from the event to the decision letter (French)', async ({ adminApi, pageAs }) => {
    // given an employer asks to pay 12 000,00 EUR in 10 instalments (too much to approve automatically, no agreement needed)
    const request = await startCase(adminApi, 'deferral.requested', (number) => ({ requestId: `REQ-${number}`, amount: '12000.00', instalments: 10, reason: 'Perte d’un client important.' }));
    const assess = await openTaskOf(adminApi, request.caseId, 'Activity_AssessRequest');

    // when a French agent filters the team queue on the step, named in French by the model
    const agent = await pageAs('agent4');
    const list = new TaskListPage(agent);
    await agent.goto('/tasks/group');
    await agent.locator('wb-task-list mat-select[formcontrolname="scope"]').click();
    const options = agent.locator('mat-option');
    await expect(agent.locator('mat-optgroup')).toHaveCount(3);
    await expect(agent.locator('mat-optgroup').nth(0)).toContainText('Inspection');
    await expect(agent.locator('mat-optgroup').nth(1)).toContainText('Plan de paiement');
    await expect(agent.locator('mat-optgroup').nth(2)).toContainText('Recouvrement amiable');
    await expect(options.filter({ hasText: 'Déclarer la créance en insolvabilité' })).toHaveCount(1);
    await agent.screenshot({ path: screenshotPath('43-team-queue-processes-fr'), fullPage: true });
    await options.filter({ hasText: 'Évaluer la demande de plan de paiement' }).click();
    await agent.keyboard.press('Escape');
    await list.filterByEmployer(request.enterpriseNumber);
    const row = list.row(request.formattedNumber, 'Évaluer la demande de plan de paiement');
    await expect(row).toContainText('Plan de paiement');
    await expect(list.rows).toHaveCount(1);
    await list.claim(row);
    await expect(list.snackBar).toContainText('Tâche prise en charge.');
    await list.open(row);

    // then the case shows the request, not a debt
    const task = new ProcessTaskPage(agent);
    await expect(task.heading).toHaveText('Évaluer la demande de plan de paiement');
    await expect(task.processName).toHaveText('Plan de paiement');
    await expect(task.figure('amountCents')).toContainText(/12[\s.\u202f]?000,00/);
    await expect(task.figure('requestedInstalments')).toContainText('10');

    // when they approve a plan of 10 instalments
    await task.waitForForm();
    await task.chooseRadio('Accorder un plan de paiement');
    await task.fillText('Nombre d’échéances', '10');
    await agent.screenshot({ path: screenshotPath('44-deferral-assess-fr'), fullPage: true });
    await task.complete();
    await expect(agent).toHaveURL(/\/tasks\/group/);

    // then the decision letter and the schedule are on the case, seen from the completed task
    await adminApi.waitFor<CaseDetail>(`/api/cases/${request.caseId}`, (c) => c.documents.some((d) => d.kind === 'letter:deferral-approved'));
    expect((await adminApi.get<TaskDetail>(`/api/tasks/${assess.id}`)).state).toBe('COMPLETED');
    await task.goto(assess.id);
    await expect(task.casePanel.documents).toContainText(/plan de paiement est accordé|afbetalingsplan is toegestaan/);
    await expect(task.casePanel.root.locator('table[data-figure="schedule"] tbody tr')).toHaveCount(10);
    await expect(task.casePanel.timelineEntries.filter({ hasText: 'Calculer l’échéancier et ouvrir le plan' })).toHaveCount(1);
    await agent.screenshot({ path: screenshotPath('45-deferral-decided-fr'), fullPage: true });
  });

  test('should show the three processes to a Dutch inspection lead', async ({ pageAs }) => {
    const lead = await pageAs('ilead1');
    await lead.goto('/tasks/group');
    await lead.locator('wb-task-list mat-select[formcontrolname="scope"]').click();
    await expect(lead.locator('mat-optgroup')).toHaveCount(3);
    await expect(lead.locator('mat-optgroup').nth(1)).toContainText('Uitstel van betaling');
    await expect(lead.locator('mat-option').filter({ hasText: 'Schuldvordering in insolventie indienen' })).toHaveCount(1);
    await lead.screenshot({ path: screenshotPath('42-team-queue-processes-nl'), fullPage: true });
  });
});
