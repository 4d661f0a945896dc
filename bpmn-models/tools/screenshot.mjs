/*
 * Opens every model (*.bpmn) in a real bpmn-js Modeler (Zeebe moddle extension) and every form in the form-js viewer,
 * in headless Chromium, prints the import warnings and writes PNGs to look at.
 * Usage (from the repo root): node bpmn-models/tools/screenshot.mjs [outDir]   (default: a fresh temp folder)
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const models = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nodeModules = resolve(models, '..', 'node_modules');
const out = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'bpmn-shot-'));
const page = mkdtempSync(join(tmpdir(), 'bpmn-page-'));

writeFileSync(join(page, 'entry.js'), `
import Modeler from 'bpmn-js/lib/Modeler';
import { Form } from '@bpmn-io/form-js-viewer';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
window.openModel = async (xml) => {
  const modeler = new Modeler({ container: '#canvas', moddleExtensions: { zeebe } });
  const { warnings } = await modeler.importXML(xml);
  modeler.get('canvas').zoom('fit-viewport');
  return warnings.map((w) => w.message);
};
window.openForm = async (schema, data) => {
  document.querySelector('#canvas').style.display = 'none';
  const form = new Form({ container: document.querySelector('#form') });
  const { warnings } = await form.importSchema(schema, data);
  return warnings.map((w) => String(w.message ?? w));
};`);
await build({ entryPoints: [join(page, 'entry.js')], bundle: true, outfile: join(page, 'bundle.js'), format: 'iife',
  nodePaths: [nodeModules], loader: { '.json': 'json' }, logLevel: 'warning' });
for (const css of ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/dist/assets/bpmn-js.css', '@bpmn-io/form-js-viewer/dist/assets/form-js.css']) {
  cpSync(join(nodeModules, css), join(page, css.split('/').pop()));
}
cpSync(join(nodeModules, 'bpmn-js/dist/assets/bpmn-font'), join(page, 'bpmn-font'), { recursive: true });
writeFileSync(join(page, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="diagram-js.css"><link rel="stylesheet" href="bpmn-js.css"><link rel="stylesheet" href="bpmn-font/css/bpmn.css">
<link rel="stylesheet" href="form-js.css"><style>html,body,#canvas{margin:0;width:100%;height:100%;background:#fff} #form{width:620px}</style>
</head><body><div id="canvas"></div><div id="form"></div><script src="bundle.js"></script></body></html>`);

const sample = { employerName: 'Bakkerij Peeters BV', enterpriseNumber: '0123456749', quarter: '2026-Q3', debtId: 'D-2026-001',
  amountDueCents: 1234567, dueDate: '2026-10-31', debts: [{ debtId: 'D-2026-001', quarter: '2026-Q3', amountCents: 1000000, dueDate: '2026-10-31' }, { debtId: 'D-2026-014', quarter: '2026-Q4', amountCents: 234567, dueDate: '2027-01-31' }], preparedBy: 'agent.anna', transferReason: 'unreachable',
  inspectionId: 'INS-2251799813685249', signals: [{ signalId: 'SIG-1', fraudScore: 0.87, indicators: ['NO_DIMONA', 'CROSS_BORDER'] }], riskIndicators: ['NO_DIMONA', 'CROSS_BORDER'],
  requests: [{ requestedBy: 'recovery', recoveryCaseId: '4503599627370497', reason: 'Employer suspected of hiding workers.' }], triageDecision: 'investigate', outcomeCode: 'regularisation',
  // payment deferral
  requestId: 'REQ-2026-0042', amountCents: 800000, requestedInstalments: 8, reason: 'Seasonal drop in turnover.', origin: 'request',
  eligibilityReasons: ['amount-above-auto-limit', 'instalments-above-auto-limit'], agreementRequired: false, informationReceived: null,
  assessedBy: 'agent.anna', approvedInstalments: 8, assessmentNotes: 'Good payment history.', planId: 'PLAN-REQ-2026-0042', deferralPaidCents: 0,
  schedule: [{ number: 1, dueDate: '2027-01-03', amountCents: 100000, cumulativeCents: 100000 }], instalment: { number: 1, dueDate: '2027-01-03', amountCents: 100000, cumulativeCents: 100000 },
  instalmentDeadline: '2027-01-03' };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const tab = await browser.newPage({ viewport: { width: 2000, height: 1050 } });
  tab.on('pageerror', (e) => console.error('page error:', e.message));
  await tab.goto(`file://${join(page, 'index.html')}`);
  for (const model of readdirSync(models).filter((f) => f.endsWith('.bpmn'))) {
    await tab.goto(`file://${join(page, 'index.html')}`);
    const warnings = await tab.evaluate((xml) => window.openModel(xml), readFileSync(join(models, model), 'utf8'));
    console.log(`${model}: ${warnings.length} import warnings`, warnings);
    await tab.screenshot({ path: join(out, model.replace('.bpmn', '.png')) });
  }
  for (const file of readdirSync(models).filter((f) => f.endsWith('.form'))) {
    await tab.setViewportSize({ width: 660, height: 700 });
    await tab.goto(`file://${join(page, 'index.html')}`);
    const formWarnings = await tab.evaluate(([s, d]) => window.openForm(s, d), [JSON.parse(readFileSync(join(models, file), 'utf8')), sample]);
    console.log(`${file}: ${formWarnings.length} import warnings`, formWarnings);
    await tab.screenshot({ path: join(out, file.replace('.form', '.png')), fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
