import { expect, screenshotPath, storageStateOf, test, type Role } from '../fixtures/test';

const ROLES: Role[] = ['agent1', 'lead1'];

for (const role of ROLES) {
  test(`log in as ${role}`, async ({ page, loginPage, taskListPage }) => {
    await loginPage.goto();
    // The demo users' profile language is nl/fr; an explicit choice wins and is kept in localStorage with the state.
    await loginPage.chooseLanguage('English');
    await expect(loginPage.title).toHaveText('Sign in to Werkbank');
    if (role === 'agent1') await page.screenshot({ path: screenshotPath('01-login'), fullPage: true });

    await loginPage.login(role);

    await expect(page).toHaveURL(/\/tasks\/mine$/);
    await expect(taskListPage.heading).toHaveText('My tasks');
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
