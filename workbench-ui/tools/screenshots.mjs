// Development aid, not shipped: drives Chromium through the pages against the stub API and saves PNGs.
// Usage: node workbench-ui/tools/screenshots.mjs [outDir]   (after `npx nx build workbench-ui`)
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startStub } from './stub-api.mjs';

const out = resolve(process.argv[2] ?? 'tmp/ui-screenshots');
mkdirSync(out, { recursive: true });
const { server, state, port } = await startStub(0);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const external = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) external.push(request.url());
  });
  page.on('console', (message) => message.type() === 'error' && console.log('console error:', message.text()));
  const shot = async (name) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  };

  await page.goto(`${base}/tasks/mine`);
  await page.waitForURL(/\/login/);
  await page.evaluate(() => localStorage.setItem('wb.language', 'en'));
  await page.reload();
  await page.getByLabel('Username').fill('agent1');
  await page.getByLabel('Password').fill('wrong');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').waitFor();
  await shot('01-login-error');

  await page.getByLabel('Password').fill('werkbank');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/tasks\/mine/);
  await page.locator('tr.wb-row').first().waitFor();
  await shot('02-my-tasks');

  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row').first().waitFor();
  await shot('03-team-queue');

  await page.locator('tr.wb-row', { hasText: 'Garage Dupont' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/tasks\/\d+/);
  await page.locator('.fjs-container').waitFor();
  await page.locator('wb-case-panel').waitFor();
  await shot('04-task-detail-readonly');
  await page.getByRole('button', { name: 'Claim' }).click();
  await page.getByRole('button', { name: 'Complete' }).waitFor();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.waitForTimeout(300);
  await shot('05-task-detail-client-validation');
  await page.getByLabel('Unreachable').check();
  await page.locator('.fjs-form-field-select .fjs-input-group').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: 'Phone' }).click();
  await page.locator('textarea').fill('bad');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.locator('.wb-server-errors').waitFor();
  await shot('06-task-detail-server-errors');

  await page.evaluate(() => localStorage.setItem('wb.language', 'nl'));
  await page.reload();
  await page.locator('.fjs-container').waitFor();
  await page.waitForTimeout(500);
  await shot('07-task-detail-nl');

  state.empty = true;
  await page.goto(`${base}/tasks/mine`);
  await page.locator('wb-empty-state').waitFor();
  await shot('08-my-tasks-empty-nl');
  await page.evaluate(() => localStorage.setItem('wb.language', 'fr'));
  await page.reload();
  await page.locator('wb-empty-state').waitFor();
  await shot('09-my-tasks-empty-fr');
  state.empty = false;
  await page.evaluate(() => localStorage.setItem('wb.language', 'en'));
  await page.goto(`${base}/tasks/group`);
  await page.locator('button.wb-user').click();
  await shot('10-user-menu');
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel('Username').fill('lead1');
  await page.getByLabel('Password').fill('werkbank');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/tasks\/mine/);
  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row', { hasText: 'Schrijnwerkerij' }).click();
  await page.locator('.fjs-container').waitFor();
  await page.getByRole('button', { name: 'Assign the task to a team member' }).click();
  await page.getByRole('menuitem', { name: 'Bram Claes' }).waitFor();
  await shot('11-task-detail-lead-assign');
  console.log(`screenshots in ${out}; requests outside the app origin: ${external.length}`, external);
} finally {
  await browser.close();
  server.close();
}
