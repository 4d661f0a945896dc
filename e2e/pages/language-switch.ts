import type { Page } from '@playwright/test';

export type LanguageName = 'English' | 'Nederlands' | 'Français';

/** The nl/fr/en menu, on the login page and in the app bar alike. */
export async function chooseLanguage(page: Page, language: LanguageName): Promise<void> {
  await page.locator('wb-language-switch button').click();
  await page.getByRole('menuitem', { name: language }).click();
}
