import type { CaseDetail, TaskDetail, TaskList } from '@werkbank/shared';
import { cloudEvent } from '../fixtures/api';
import { openContactTasks } from '../fixtures/recovery-cases';
import { expect, screenshotPath, storageStateOf, test } from '../fixtures/test';
import { TaskDetailPage } from '../pages/task-detail-page';

/** A date the form accepts (no past dates in the browser) and the demo clock will not reach during the run. */
function promisedDate(): Date {
  const date = new Date();
  date.setDate(date.getDate() + 120);
  return date;
}

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test.describe('amicable recovery as agent1', () => {
  test.use({ storageState: storageStateOf('agent1') });

  test('should let an agent claim a "Contact employer" task and record a promise to pay', async ({ page, adminApi, taskListPage, taskDetailPage }) => {
    // given a debt of a new employer that was not paid within the 15 days of the reminder
    const [work] = await openContactTasks(adminApi, 1);

    // when agent1 finds it in the team queue (next to the demo cases) and claims it
    await taskListPage.gotoTeamQueue();
    await expect(taskListPage.heading).toHaveText('Team queue');
    await page.screenshot({ path: screenshotPath('02-team-queue'), fullPage: true });
    await taskListPage.filterByEmployer(work.enterpriseNumber);
    const row = taskListPage.row(work.formattedNumber);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`Werkgever ${work.formattedNumber}`);
    await taskListPage.claim(row);
    await expect(taskListPage.snackBar).toContainText('Task claimed.');
    // shown by display name; the username stays on the element
    await expect(taskListPage.assignee(row)).toHaveText('Sofie Peeters');
    await expect(taskListPage.assignee(row)).toHaveAttribute('data-username', 'agent1');

    // then it is on their own list
    await taskListPage.gotoMyTasks();
    await expect(taskListPage.heading).toHaveText('My tasks');
    await expect(row).toBeVisible();
    await page.screenshot({ path: screenshotPath('03-my-tasks'), fullPage: true });

    // when they open it, they see who owes what
    await taskListPage.open(row);
    await expect(taskDetailPage.heading).toHaveText('Contact employer');
    await expect(taskDetailPage.assignee).toHaveText('Sofie Peeters');
    await expect(taskDetailPage.assignee).toHaveAttribute('data-username', 'agent1');
    const panel = taskDetailPage.casePanel;
    await expect(panel.employerName).toHaveText(`Werkgever ${work.formattedNumber}`);
    await expect(panel.enterpriseNumber).toHaveText(work.formattedNumber);
    await expect(panel.amountDue).toHaveText(/1[.,\s]?234[.,]56/);
    await taskDetailPage.waitForForm();
    await expect(taskDetailPage.form).toContainText('Still due');

    // and they record the promise to pay
    const promised = promisedDate();
    await taskDetailPage.chooseRadio('Promise to pay by a date');
    await taskDetailPage.fillDate('Promised payment date', promised);
    await taskDetailPage.selectOption('Contact channel', 'Phone');
    await taskDetailPage.fillText('Notes', 'Spoke with the accountant: pays the full amount by bank transfer.');
    await page.screenshot({ path: screenshotPath('04-task-detail-form'), fullPage: true });
    await panel.root.screenshot({ path: screenshotPath('05-case-panel') });
    await taskDetailPage.complete();

    // then they are back on their list with a confirmation
    await expect(page).toHaveURL(/\/tasks\/mine$/);
    await expect(taskListPage.snackBar).toContainText('Task “Contact employer” completed.');
    await expect(row).toHaveCount(0);

    // and the case waits for the promised payment, with the completion by agent1 in its history
    const after = await adminApi.waitFor<CaseDetail>(`/api/cases/${work.caseId}`, (c) => c.timeline.some((e) => e.kind === 'TASK_COMPLETED'));
    expect(after.status).toBe('OPEN');
    expect(after.currentTasks).toHaveLength(0);
    const completion = after.timeline.find((e) => e.kind === 'TASK_COMPLETED');
    expect(completion?.actor).toBe('agent1');
    expect(completion?.detail?.['variables']).toMatchObject({ contactOutcome: 'promise', contactChannel: 'phone' });
    expect(String((completion?.detail?.['variables'] as Record<string, unknown>)['promisedDate'])).toContain(isoDate(promised));
  });

  test('should close the case and drop its task from the queue when a payment covers the debt', async ({ adminApi, taskListPage }) => {
    // given an open "Contact employer" task in the team queue
    const [work] = await openContactTasks(adminApi, 1);
    await taskListPage.gotoTeamQueue();
    await taskListPage.filterByEmployer(work.enterpriseNumber);
    await expect(taskListPage.row(work.formattedNumber)).toBeVisible();

    // when the employer pays the whole debt
    await adminApi.postEvents([
      cloudEvent('payment.received', `e2e-pay-${work.enterpriseNumber}`, {
        enterpriseNumber: work.enterpriseNumber,
        paymentId: `P-${work.enterpriseNumber}`,
        amount: work.amount,
        bookedAt: isoDate(new Date()),
      }),
    ]);

    // then the case is closed
    const closed = await adminApi.waitFor<CaseDetail>(`/api/cases/${work.caseId}`, (c) => c.status === 'CLOSED');
    expect(closed.currentTasks).toHaveLength(0);
    const tasks = await adminApi.get<TaskList>(`/api/tasks?view=group&employer=${work.enterpriseNumber}`);
    expect(tasks.items.filter((t) => t.state === 'CREATED')).toHaveLength(0);

    // and the task is gone from the queue (the list does not poll: load it again)
    await taskListPage.gotoTeamQueue();
    await taskListPage.filterByEmployer(work.enterpriseNumber);
    await expect(taskListPage.emptyState).toBeVisible();
    await expect(taskListPage.row(work.formattedNumber)).toHaveCount(0);
  });

  test('should refuse to complete a promise without a date and change nothing', async ({ page, adminApi, agentApi, taskDetailPage }) => {
    // given a "Contact employer" task claimed by agent1
    const [work] = await openContactTasks(adminApi, 1);
    const claimed = await agentApi.post<TaskDetail>(`/api/tasks/${work.task.id}/claim`, { version: work.task.version });
    await taskDetailPage.goto(work.task.id);
    await taskDetailPage.waitForForm();

    // when they complete it with "promise" but no date
    await taskDetailPage.chooseRadio('Promise to pay by a date');
    await taskDetailPage.selectOption('Contact channel', 'E-mail');
    await taskDetailPage.complete();

    // then the form says what is wrong and they stay on the task
    await expect(taskDetailPage.formInvalid).toHaveText(/Please correct the highlighted fields/);
    // in view below the sticky top bar, and focused so that screen readers read it
    await expect(taskDetailPage.formInvalid).toBeInViewport();
    await expect(page.locator('wb-task-detail .wb-problem')).toBeFocused();
    await expect(taskDetailPage.fieldError()).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/tasks/${work.task.id}`));
    await page.screenshot({ path: screenshotPath('06-task-detail-invalid') });

    // and the server refuses the same data on its own
    const refused = await agentApi.postForStatus(`/api/tasks/${work.task.id}/complete`, {
      version: claimed.version,
      variables: { contactOutcome: 'promise', contactChannel: 'email' },
    });
    expect(refused.status).toBe(400);

    // and nothing changed
    const task = await agentApi.get<TaskDetail>(`/api/tasks/${work.task.id}`);
    expect(task).toMatchObject({ state: 'CREATED', assignee: 'agent1', version: claimed.version });
    const detail = await adminApi.get<CaseDetail>(`/api/cases/${work.caseId}`);
    expect(detail.timeline.some((e) => e.kind === 'TASK_COMPLETED')).toBe(false);
  });

  test('should let a team lead assign a task to agent2 so that agent1 can no longer claim it', async ({ adminApi, agentApi, taskListPage, pageAs }) => {
    // given agent1 looking at an unclaimed task in the team queue
    const [work] = await openContactTasks(adminApi, 1);
    await taskListPage.gotoTeamQueue();
    await taskListPage.filterByEmployer(work.enterpriseNumber);
    const row = taskListPage.row(work.formattedNumber);
    await expect(taskListPage.claimButton(row)).toBeVisible();

    // when lead1 assigns it to agent2 from the task detail
    const leadPage = await pageAs('lead1');
    const leadDetail = new TaskDetailPage(leadPage);
    await leadDetail.goto(work.task.id);
    await leadDetail.assignTo('Thomas Janssens');
    await expect(leadPage.locator('mat-snack-bar-container')).toContainText('Task assigned to Thomas Janssens.');
    await expect(leadDetail.assignee).toHaveText('Thomas Janssens');
    await expect(leadDetail.heldBy).toContainText('This task is assigned to Thomas Janssens.');
    await leadPage.screenshot({ path: screenshotPath('08-lead-task-detail'), fullPage: true });

    // then agent1's stale claim is refused (409) and the queue shows the new owner
    await taskListPage.claim(row);
    await expect(taskListPage.snackBar).toContainText('Someone else changed this task in the meantime.');
    await expect(taskListPage.assignee(row)).toHaveAttribute('data-username', 'agent2');
    await expect(taskListPage.claimButton(row)).toHaveCount(0);
    const task = await agentApi.get<TaskDetail>(`/api/tasks/${work.task.id}`);
    expect(task.assignee).toBe('agent2');
  });
});

test.describe('login', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('should reject a wrong password and switch the texts between en, nl and fr', async ({ page, loginPage, taskListPage }) => {
    // given the login page in English
    await loginPage.goto();
    await loginPage.chooseLanguage('English');

    // when the password is wrong
    await loginPage.login('agent1', 'not-the-password');

    // then the error says so and we stay on the login page
    await expect(loginPage.error).toHaveText('Unknown username or wrong password.');
    await expect(page).toHaveURL(/\/login/);

    // when switching to Dutch and French, the visible texts follow
    await loginPage.chooseLanguage('Nederlands');
    await expect(loginPage.title).toHaveText('Aanmelden bij Werkbank');
    await expect(loginPage.submit).toHaveText('Aanmelden');
    await expect(loginPage.error).toHaveText('Onbekende gebruikersnaam of verkeerd wachtwoord.');
    await loginPage.chooseLanguage('Français');
    await expect(loginPage.title).toHaveText('Connexion à Werkbank');
    await expect(loginPage.submit).toHaveText('Se connecter');
    await expect(loginPage.error).toHaveText('Nom d’utilisateur inconnu ou mot de passe erroné.');

    // and the chosen language stays after signing in
    await loginPage.login('agent1');
    await expect(taskListPage.heading).toHaveText('Mes tâches');
    await expect(page.getByRole('link', { name: 'File de l’équipe' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('07-my-tasks-fr'), fullPage: true });
  });
});
