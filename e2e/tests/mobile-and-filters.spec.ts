import { expect, screenshotPath, storageStateOf, test } from '../fixtures/test';
import { chooseLanguage, type LanguageName } from '../pages/language-switch';

const LANGUAGES: [LanguageName, string][] = [
  ['Nederlands', 'nl'],
  ['Français', 'fr'],
];

test.describe('the workbench on a phone (390 x 844)', () => {
  test.use({ storageState: storageStateOf('agent1'), viewport: { width: 390, height: 844 } });

  for (const [language, code] of LANGUAGES) {
    test(`should keep the language and user menus on screen and show tasks as cards (${code})`, async ({ page, taskListPage }) => {
      await taskListPage.gotoTeamQueue();
      await chooseLanguage(page, language);
      await expect(taskListPage.rows.first()).toBeVisible();
      await page.screenshot({ path: screenshotPath(`20-mobile-queue-${code}`), fullPage: false });

      // the user menu (logout) is reachable
      const user = page.locator('button.wb-user');
      await expect(user).toBeInViewport();
      await user.click();
      await expect(page.getByRole('menuitem').last()).toBeInViewport();
      await page.screenshot({ path: screenshotPath(`21-mobile-user-menu-${code}`) });
      await page.keyboard.press('Escape');

      // no horizontal page scroll: the table became cards
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test.describe('task-list filters', () => {
  test.use({ storageState: storageStateOf('agent1') });

  test('should validate in the language, keep the filters in the URL and tell an empty filter from an empty list', async ({ page, taskListPage }) => {
    await taskListPage.gotoTeamQueue();
    await chooseLanguage(page, 'Nederlands');
    const amountMin = page.locator('input[formcontrolname="amountMin"]');
    const amountMax = page.locator('input[formcontrolname="amountMax"]');

    await amountMin.fill('abc');
    await expect(page.locator('mat-error')).toContainText('Geen bedrag');
    await amountMin.fill('10.000.000,00');
    await amountMax.fill('5,00');
    await expect(page.locator('mat-error')).toContainText('"Tot" mag niet lager zijn dan "vanaf".');
    await page.locator('input[formcontrolname="dueBefore"]').fill('31/02/2026');
    await page.locator('input[formcontrolname="dueBefore"]').blur();
    await expect(page.locator('mat-error').last()).toContainText('Geen geldige datum');
    await page.screenshot({ path: screenshotPath('22-filter-errors-nl'), fullPage: true });

    await amountMax.fill('');
    await page.locator('input[formcontrolname="dueBefore"]').fill('');
    await expect(page).toHaveURL(/amountMin=10000000\.00/);
    await expect(taskListPage.emptyState).toContainText('Geen taken voor deze filters');
    await page.screenshot({ path: screenshotPath('23-filtered-empty-nl'), fullPage: true });

    // a reload keeps the filter, shown as the language writes it
    await page.reload();
    await expect(amountMin).toHaveValue('10.000.000');
    await chooseLanguage(page, 'Français');
    await expect(taskListPage.emptyState).toContainText('Aucune tâche ne correspond à ces filtres');
    await page.screenshot({ path: screenshotPath('24-filtered-empty-fr'), fullPage: true });
    await taskListPage.emptyState.getByRole('button').click();
    await expect(page).toHaveURL(/\/tasks\/group$/);
    await expect(taskListPage.rows.first()).toBeVisible();
    await chooseLanguage(page, 'English');
  });
});
