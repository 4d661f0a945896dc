import { expect, ROLE_LANGUAGE, screenshotPath, storageStateOf, test, type Role } from '../fixtures/test';

const ROLES = Object.keys(ROLE_LANGUAGE) as Role[];

for (const role of ROLES) {
  test(`log in as ${role}`, async ({ page, loginPage, taskListPage }) => {
    await loginPage.goto();
    // The demo users' profile language is nl/fr; an explicit choice wins and is kept in localStorage with the state.
    await loginPage.chooseLanguage(ROLE_LANGUAGE[role]);
    if (ROLE_LANGUAGE[role] === 'English') await expect(loginPage.title).toHaveText('Sign in to Werkbank');
    if (role === 'agent1') await page.screenshot({ path: screenshotPath('01-login'), fullPage: true });

    await loginPage.login(role);

    await expect(page).toHaveURL(/\/tasks\/mine$/);
    await expect(taskListPage.heading).toHaveText({ English: 'My tasks', Nederlands: 'Mijn taken', Français: 'Mes tâches' }[ROLE_LANGUAGE[role]]);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
