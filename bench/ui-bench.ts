/**
 * UI benchmark: time until the team queue is usable (first rows rendered, loading bar gone) in Chromium
 * (playwright-core, /usr/bin/chromium) against the built UI served by the real API process.
 * "cold" = a new browser context (empty cache, session cookie/token carried over); "warm" = a reload in the same context.
 * BENCH_UI_SCREENSHOT=file.png saves the task list after the first warm load (to look at what the timings measured).
 */
import { chromium, type Page } from 'playwright-core';
import { load, percentile } from './lib/stats';

const ROWS = 'wb-task-list tr.wb-row';

export interface WaterfallEntry { path: string; startMs: number; endMs: number; status: number; bytes: number }

/** The requests of one page load, relative to its start (what a cold load waits for, in order). */
function recordWaterfall(page: Page, origin: () => number): WaterfallEntry[] {
  const entries: WaterfallEntry[] = [];
  page.on('requestfinished', (request) => {
    void request.response().then(async (response) => {
      const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
      const timing = request.timing();
      entries.push({
        path: new URL(request.url()).pathname, status: response?.status() ?? 0, bytes: sizes.responseBodySize,
        startMs: Math.round(timing.startTime - origin()), endMs: Math.round(timing.startTime - origin() + Math.max(0, timing.responseEnd)),
      });
    }).catch(() => undefined);
  });
  return entries;
}

async function timeUntilUsable(page: Page, url: string, started?: (epochMs: number) => void): Promise<number> {
  started?.(Date.now());
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
    const waterfall: { cold: WaterfallEntry[]; warm: WaterfallEntry[] } = { cold: [], warm: [] };
    for (let i = 0; i < rounds; i++) {
      const context = await browser.newContext({ locale: 'en-GB', storageState: state });
      const p = await context.newPage();
      let origin = 0;
      const entries = recordWaterfall(p, () => origin);
      cold.push(await timeUntilUsable(p, url, (at) => (origin = at)));
      if (i === 0) waterfall.cold = [...entries];
      entries.length = 0;
      warm.push(await timeUntilUsable(p, url, (at) => (origin = at)));
      if (i === 0) waterfall.warm = [...entries];
      rows = await p.locator(ROWS).count();
      if (i === 0 && process.env['BENCH_UI_SCREENSHOT']) await p.screenshot({ path: process.env['BENCH_UI_SCREENSHOT'], fullPage: true });
      total = (await p.locator('.wb-total').textContent())?.trim() ?? '';
      await context.close();
    }
    await login.close();
    return { queue: total, rowsRendered: rows, coldMs: { p50: percentile(cold, 50), max: Math.max(...cold) }, warmMs: { p50: percentile(warm, 50), max: Math.max(...warm) }, load: load(),
      waterfall: { cold: waterfall.cold.sort((a, b) => a.startMs - b.startMs), warm: waterfall.warm.sort((a, b) => a.startMs - b.startMs) } };
  } finally {
    await browser.close();
  }
}
