import type { Locator, Page } from '@playwright/test';

/** The case beside a task: employer summary, amount, status, documents, timeline. */
export class CasePanel {
  readonly root: Locator;
  readonly employerName: Locator;
  readonly enterpriseNumber: Locator;
  readonly amountDue: Locator;
  readonly timelineEntries: Locator;
  readonly documents: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('wb-case-panel');
    this.employerName = this.root.locator('wb-employer-summary .wb-employer-name');
    this.enterpriseNumber = this.root.locator('wb-employer-summary .wb-number');
    this.amountDue = this.root.locator('.wb-amount');
    this.timelineEntries = this.root.locator('.wb-timeline li');
    this.documents = this.root.locator('.wb-documents li');
  }
}
