import type { Locator, Page } from '@playwright/test';

/** "My tasks" and "Team queue": the same table, two routes. */
export class TaskListPage {
  readonly heading: Locator;
  readonly employerFilter: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly snackBar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.employerFilter = page.locator('wb-task-list input[formcontrolname="employer"]');
    this.rows = page.locator('wb-task-list tr.wb-row');
    this.emptyState = page.locator('wb-task-list wb-empty-state');
    this.snackBar = page.locator('mat-snack-bar-container');
  }

  async gotoTeamQueue(): Promise<void> {
    await this.page.goto('/tasks/group');
    await this.heading.waitFor();
  }

  async gotoMyTasks(): Promise<void> {
    await this.page.goto('/tasks/mine');
    await this.heading.waitFor();
  }

  /** Types into the employer filter; the list reloads after its debounce. */
  async filterByEmployer(text: string): Promise<void> {
    await this.employerFilter.fill(text);
  }

  /** The row of a task, found by the employer's formatted enterprise number and the task name. */
  row(formattedNumber: string, taskName = 'Contact employer'): Locator {
    return this.rows.filter({ hasText: formattedNumber }).filter({ hasText: taskName });
  }

  /** The assignee cell's name (display name where known); its `data-username` holds the username. */
  assignee(row: Locator): Locator {
    return row.locator('.wb-assignee');
  }

  claimButton(row: Locator): Locator {
    return row.locator('button.wb-claim');
  }

  async claim(row: Locator): Promise<void> {
    await this.claimButton(row).click();
  }

  async open(row: Locator): Promise<void> {
    await row.locator('td').nth(1).click();
  }
}
