import { expect, type Locator, type Page } from '@playwright/test';
import { TaskDetailPage } from './task-detail-page';

/** A task page read in any language: actions found by their place, not their English label. */
export class ProcessTaskPage extends TaskDetailPage {
  readonly processFact: Locator;
  readonly processName: Locator;
  readonly forbidden: Locator;

  constructor(page: Page) {
    super(page);
    this.processFact = page.locator('wb-task-detail [data-fact="process"]');
    this.processName = page.locator('wb-case-panel .wb-process-name');
    this.forbidden = page.locator('wb-task-detail wb-empty-state');
  }

  /** The claim button of the header (the first action while the task is free). */
  async claimInHeader(): Promise<void> {
    await this.page.locator('.wb-task-actions button').first().click();
  }

  /**
   * A field whose label is exactly this (a required field's label ends with "*"), not one that merely contains it.
   * form-js re-renders when a condition shows new fields, which can drop a value typed meanwhile: fill until it stays.
   */
  async fillExactly(label: string, text: string): Promise<void> {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const field = this.form.getByLabel(new RegExp(`^${escaped}\\*?$`));
    await expect(async () => {
      await field.fill(text);
      await field.blur();
      await this.page.waitForTimeout(300);
      await expect(field).toHaveValue(text, { timeout: 500 });
    }).toPass({ timeout: 10_000 });
  }

  /** form-js's date field in the language's own placeholder: dd/mm/yyyy, dd/mm/jjjj (nl) or jj/mm/aaaa (fr). */
  async fillLocalDate(label: string, date: Date): Promise<void> {
    const input = this.form.getByLabel(label);
    const pattern = ((await input.getAttribute('placeholder')) ?? 'dd/mm/yyyy').toLowerCase();
    const pad = (n: number) => String(n).padStart(2, '0');
    const text = pattern
      .replace(/yyyy|jjjj|aaaa/, String(date.getFullYear()))
      .replace('mm', pad(date.getMonth() + 1))
      .replace(/dd|jj/, pad(date.getDate()));
    await input.fill(text);
    await input.press('Enter');
    await input.press('Escape');
  }

  figure(variable: string): Locator {
    return this.casePanel.root.locator(`[data-figure="${variable}"]`);
  }
}
