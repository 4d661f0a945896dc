/**
 * UI benchmark: time until the team queue is usable (first rows rendered, loading bar gone) in Chromium
 * (playwright-core, /usr/bin/chromium) against the built UI served by the real API process.
 * "cold" = a new browser context (empty cache, session cookie/token carried over); "warm" = a reload in the same context.
 */
import { chromium, type Page } from 'playwright-core';
import { load, percentile } from './lib/stats';

const ROWS = 'wb-task-list tr.wb-row';

async function timeUntilUsable(page: Page, url: string): Promise<number> {
  const t = performance.now();
  await page.goto(url);
  await page.locator(ROWS).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.wb-progress mat-progress-bar').waitFor({ state: 'detached', timeout: 30_000 });
  return Math.round(performance.now() - t);
}

export async function benchUi(baseUrl: string, rounds: number) {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const login = await browser.newContext({ locale: 'en-GB' });
    const page = await login.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[name="username"]').fill('agent1');
    await page.locator('input[name="password"]').fill('werkbank');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/tasks\//, { timeout: 60_000 });
    const state = await login.storageState();
    const url = `${baseUrl}/tasks/group`;
    const cold: number[] = [];
    const warm: number[] = [];
    let rows = 0;
    let total = '';
    for (let i = 0; i < rounds; i++) {
      const context = await browser.newContext({ locale: 'en-GB', storageState: state });
      const p = await context.newPage();
      cold.push(await timeUntilUsable(p, url));
      warm.push(await timeUntilUsable(p, url));
      rows = await p.locator(ROWS).count();
      total = (await p.locator('.wb-total').textContent())?.trim() ?? '';
      await context.close();
    }
    await login.close();
    return { queue: total, rowsRendered: rows, coldMs: { p50: percentile(cold, 50), max: Math.max(...cold) }, warmMs: { p50: percentile(warm, 50), max: Math.max(...warm) }, load: load() };
  } finally {
    await browser.close();
  }
}
