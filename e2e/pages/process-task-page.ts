import type { Locator, Page } from '@playwright/test';
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

  figure(variable: string): Locator {
    return this.casePanel.root.locator(`[data-figure="${variable}"]`);
  }
}
