import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchCsp } from '../fixtures/csp-watch';
import { openContactTasks } from '../fixtures/recovery-cases';
import { expect, storageStateOf, test } from '../fixtures/test';

const root = join(__dirname, '..', '..');

test.describe('Content-Security-Policy', () => {
  test('should load the login page and log in under the strict policy without a violation', async ({ page, loginPage }) => {
    // given a page that reports CSP violations
    const violations = await watchCsp(page);
    // when loading the login page
    const response = await page.goto('/login');
    await expect(loginPage.title).toBeVisible();
    // then the strict policy was in force, the styled page rendered, and nothing was blocked
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // Angular Material's component styles applied: the login button is not an unstyled native button
    const background = await loginPage.submit.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).not.toBe('rgb(239, 239, 239)');
    // and logging in (a write, carrying the CSRF header from then on) leads to the task list
    await loginPage.login('agent2');
    await expect(page).toHaveURL(/\/tasks\/mine$/);
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
  });

  test.describe('as an agent', () => {
    test.use({ storageState: storageStateOf('agent1') });

    test('should render a task with its form-js form without a violation', async ({ page, adminApi, taskDetailPage }) => {
      // given an open "Contact employer" task and a page that reports CSP violations
      const [work] = await openContactTasks(adminApi, 1);
      const violations = await watchCsp(page);
      // when opening the task
      await taskDetailPage.goto(work.task.id);
      await taskDetailPage.waitForForm();
      // then the form-js form rendered with its styles, and nothing was blocked
      await expect(taskDetailPage.form).toContainText('Still due');
      const display = await taskDetailPage.form.locator('.fjs-form-field').first().evaluate((f) => getComputedStyle(f).display);
      expect(display).not.toBe('inline');
      await page.waitForTimeout(300);
      expect(violations).toEqual([]);
    });
  });

  test('should let the bpmn-js modeler render and edit under exactly the served policy', async ({ page, request }) => {
    // given the policy the product serves (the UI does not embed bpmn-js yet: a probe page gets the same header)
    const served = await request.get('/login');
    const csp = served.headers()['content-security-policy'];
    expect(csp).toBeTruthy();
    const files: Record<string, { type: string; body: string | Buffer }> = {
      '/csp-probe/': {
        type: 'text/html',
        body: `<!doctype html><html><head><link rel="stylesheet" href="/csp-probe/diagram-js.css"><link rel="stylesheet" href="/csp-probe/bpmn-js.css"><link rel="stylesheet" href="/csp-probe/css/bpmn.css"></head>
<body><div id="canvas" class="probe-canvas"></div><script src="/csp-probe/bpmn-modeler.js"></script><script src="/csp-probe/probe.js"></script></body></html>`,
      },
      '/csp-probe/diagram-js.css': { type: 'text/css', body: readFileSync(join(root, 'node_modules/bpmn-js/dist/assets/diagram-js.css')) },
      '/csp-probe/bpmn-js.css': { type: 'text/css', body: readFileSync(join(root, 'node_modules/bpmn-js/dist/assets/bpmn-js.css')) },
      // bpmn.css loads the icon font as files (font-src 'self'); bpmn-embedded.css would need font-src data:
      '/csp-probe/css/bpmn.css': { type: 'text/css', body: readFileSync(join(root, 'node_modules/bpmn-js/dist/assets/bpmn-font/css/bpmn.css')) },
      ...Object.fromEntries(
        ['woff2', 'woff', 'ttf', 'eot', 'svg'].map((ext) => [
          `/csp-probe/font/bpmn.${ext}`,
          { type: ext === 'svg' ? 'image/svg+xml' : `font/${ext}`, body: readFileSync(join(root, `node_modules/bpmn-js/dist/assets/bpmn-font/font/bpmn.${ext}`)) },
        ]),
      ),
      '/csp-probe/bpmn-modeler.js': { type: 'text/javascript', body: readFileSync(join(root, 'node_modules/bpmn-js/dist/bpmn-modeler.production.min.js')) },
      '/csp-probe/recovery.bpmn': { type: 'application/xml', body: readFileSync(join(root, 'bpmn-models/recovery.bpmn')) },
      '/csp-probe/probe.js': {
        type: 'text/javascript',
        body: `document.getElementById('canvas').style.height = '600px';
const modeler = new BpmnJS({ container: '#canvas' });
fetch('/csp-probe/recovery.bpmn').then((r) => r.text()).then((xml) => modeler.importXML(xml)).then(() => {
  modeler.get('canvas').zoom('fit-viewport');
  const first = modeler.get('elementRegistry').filter((e) => e.type === 'bpmn:UserTask')[0];
  modeler.get('selection').select(first);
  modeler.get('directEditing').activate(first);
  window.__probe = 'rendered';
}).catch((e) => { window.__probe = 'failed: ' + e.message; });`,
      },
    };
    await page.route('**/csp-probe/**', (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body, headers: { 'content-security-policy': csp } }) : route.fulfill({ status: 404 });
    });
    const violations = await watchCsp(page);
    // when the modeler imports the recovery model, selects a task and opens its label editor
    await page.goto('/csp-probe/');
    await page.waitForFunction(() => (window as unknown as { __probe?: string }).__probe !== undefined);
    // then it rendered shapes, palette and context pad, and nothing was blocked
    expect(await page.evaluate(() => (window as unknown as { __probe: string }).__probe)).toBe('rendered');
    await expect(page.locator('.djs-palette')).toBeVisible();
    await expect(page.locator('.djs-context-pad')).toBeVisible();
    expect(await page.locator('.djs-shape').count()).toBeGreaterThan(5);
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
  });
});
