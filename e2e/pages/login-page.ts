import type { Locator, Page } from '@playwright/test';
import { chooseLanguage, type LanguageName } from './language-switch';

export class LoginPage {
  readonly title: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.username = page.locator('input[name="username"]');
    this.password = page.locator('input[name="password"]');
    this.submit = page.locator('button[type="submit"]');
    this.error = page.locator('.wb-login-error span');
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.username.waitFor();
  }

  async chooseLanguage(language: LanguageName): Promise<void> {
    await chooseLanguage(this.page, language);
  }

  /** Fills and submits; the caller waits for whatever should follow (the task list or an error). */
  async login(username: string, password = 'werkbank'): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
