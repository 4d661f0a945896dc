import type { Locator, Page } from '@playwright/test';
import { CasePanel } from './case-panel';

/** One task: header with actions, the form-js form, and the case panel. */
export class TaskDetailPage {
  readonly heading: Locator;
  readonly assignee: Locator;
  readonly form: Locator;
  readonly formInvalid: Locator;
  /** The note saying who holds an open task that is not ours. */
  readonly heldBy: Locator;
  readonly claimButton: Locator;
  readonly completeButton: Locator;
  readonly assignButton: Locator;
  readonly casePanel: CasePanel;

  constructor(readonly page: Page) {
    this.heading = page.locator('wb-task-detail h1');
    this.assignee = page.locator('.wb-task-facts div').filter({ hasText: 'Assignee' }).locator('dd');
    // form-js renders into the host once its chunk loaded; the first field is the sign that it is usable.
    this.form = page.locator('wb-task-form .fjs-form');
    this.heldBy = page.locator('wb-task-detail .wb-held');
    this.formInvalid = page.locator('wb-task-detail .wb-error[role="alert"]');
    this.claimButton = page.locator('.wb-task-actions').getByRole('button', { name: 'Claim' });
    this.completeButton = page.locator('button.wb-complete');
    this.assignButton = page.getByRole('button', { name: 'Assign the task to a team member' });
    this.casePanel = new CasePanel(page);
  }

  async goto(taskId: string): Promise<void> {
    await this.page.goto(`/tasks/${taskId}`);
    await this.heading.waitFor();
  }

  async waitForForm(): Promise<void> {
    await this.form.locator('.fjs-form-field').first().waitFor();
  }

  async chooseRadio(label: string): Promise<void> {
    await this.form.getByLabel(label, { exact: true }).check();
  }

  /** form-js's select is a custom drop-down over a hidden input: focusing it opens the list. */
  async selectOption(label: string, option: string): Promise<void> {
    await this.form.getByLabel(label).focus();
    await this.form.locator('.fjs-dropdownlist-item', { hasText: option }).click();
  }

  /** form-js's date picker takes typed input in the browser locale's format, which its placeholder spells out. */
  async fillDate(label: string, date: Date): Promise<void> {
    const input = this.form.getByLabel(label);
    const pattern = (await input.getAttribute('placeholder')) ?? 'mm/dd/yyyy';
    const pad = (n: number) => String(n).padStart(2, '0');
    const text = pattern.replace('yyyy', String(date.getFullYear())).replace('mm', pad(date.getMonth() + 1)).replace('dd', pad(date.getDate()));
    await input.fill(text);
    await input.press('Enter');
    await input.press('Escape');
  }

  async fillText(label: string, text: string): Promise<void> {
    await this.form.getByLabel(label).fill(text);
  }

  fieldError(text = 'Field is required.'): Locator {
    return this.form.locator('.fjs-form-field-error', { hasText: text });
  }

  async complete(): Promise<void> {
    await this.completeButton.click();
  }

  async assignTo(displayName: string): Promise<void> {
    await this.assignButton.click();
    await this.page.getByRole('menuitem', { name: displayName }).click();
  }
}
