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

async function session(language) {
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
  const { context, page } = await session(language);
  await shot(page, `${language}-01-login`);
  await page.locator('input').nth(0).fill('lead1');
  await page.locator('input[type=password]').fill('werkbank');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/tasks\//);
  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row').first().waitFor();
  await page.locator('input[formcontrolname=employer]').fill('Garage Lefèbvre SRL');
  await page.waitForTimeout(1200);
  await shot(page, `${language}-02-team-queue-one`, false);
  await page.locator('input[formcontrolname=employer]').fill('');
  await page.waitForTimeout(1200);
  await shot(page, `${language}-02-team-queue`, false);
  // A task held by someone else (assigned to agent2 through the API), seen by the team lead.
  const list = await (await page.request.get(`${base}/api/tasks?view=group&size=5&sort=dueDate`)).json();
  const task = list.items.find((item) => item.assignee === 'agent2') ?? list.items[0];
  if (task.assignee !== 'agent2') await page.request.post(`${base}/api/tasks/${task.id}/assign`, { data: { version: task.version, assignee: 'agent2' } });
  await page.goto(`${base}/tasks/${task.id}?from=group`);
  await page.locator('wb-case-panel .wb-timeline').waitFor();
  await shot(page, `${language}-03-task-detail-held`);
  await page.goto(`${base}/tasks/group`);
  await page.locator('tr.wb-row').first().waitFor();
  await shot(page, `${language}-02b-team-queue-assigned`, false);
  await page.locator('mat-datepicker-toggle button').click();
  await page.locator('mat-calendar').waitFor();
  await shot(page, `${language}-04-filter-date`, false);
  await page.keyboard.press('Escape');
  await page.goto(`${base}/tasks/mine`);
  await page.waitForTimeout(1000);
  await shot(page, `${language}-05-my-tasks`, false);
  await context.close();
}
await browser.close();
