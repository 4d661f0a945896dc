// Development aid, not shipped: screenshots of the real product (a running process-api with demo data) in nl/fr/en.
// Usage: node workbench-ui/tools/real-screenshots.mjs http://127.0.0.1:3400 tmp/shots
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3400';
const out = resolve(process.argv[3] ?? 'tmp/real-shots');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});

async function session(language, user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && console.log(`[${language}] console error:`, message.text()));
  await page.goto(`${base}/login`);
  await page.evaluate((lang) => localStorage.setItem('wb.language', lang), language);
  await page.reload();
  await page.locator('input[autocomplete=username], input[name=username], #username').first().waitFor();
  return { context, page };
}

const shot = async (page, name, fullPage = true) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
};

for (const language of ['en', 'nl', 'fr']) {
  const { context, page } = await session(language, 'lead1');
  await shot(page, `${language}-01-login`);
  await page.locator('input').nth(0).fill('lead1');
  await page.locator('input[type=password]').fill('werkbank');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/tasks\//);
  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row').first().waitFor();
  await shot(page, `${language}-02-team-queue`, false);
  // Claim one, and open another one that someone else holds.
  await page.locator('tr.wb-row').first().click();
  await page.waitForURL(/\/tasks\/\d+/);
  await page.locator('wb-case-panel').waitFor();
  await shot(page, `${language}-03-task-detail`);
  await page.locator('input[type=date], .wb-filter-date input').first().count();
  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row').first().waitFor();
  await page.locator('.wb-filter-date').click();
  await shot(page, `${language}-04-filter-date`, false);
  await page.goto(`${base}/tasks/mine`);
  await page.waitForTimeout(1000);
  await shot(page, `${language}-05-my-tasks`, false);
  await context.close();
}
await browser.close();
