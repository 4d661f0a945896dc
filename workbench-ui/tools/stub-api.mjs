// Development aid, not shipped: serves the built UI and a stub of the Werkbank API with fake data,
// so pages can be looked at (and screenshotted) without the real back end.
// Usage: node workbench-ui/tools/stub-api.mjs [port]   (after `npx nx build workbench-ui`)
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../dist/workbench-ui/browser');
const formSchema = JSON.parse(readFileSync(join(here, 'fixtures/contact-employer.form.json'), 'utf8'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ico': 'image/x-icon', '.json': 'application/json' };

const USERS = {
  agent1: { username: 'agent1', displayName: 'An Peeters', roles: ['agent'], groups: ['recovery-agents'], teams: ['recovery-north'], language: 'nl' },
  lead1: { username: 'lead1', displayName: 'Luc Dubois', roles: ['agent', 'team-lead'], groups: ['recovery-agents'], teams: ['recovery-north'], language: 'fr' },
};
const NAMES = ['Bakkerij Janssens BV', 'Garage Dupont SRL', 'Brasserie De Zwaan', 'Schrijnwerkerij Maes', 'Nettoyage Lemaire SA', 'IT Consult Vermeulen', 'Transport Claes NV', 'Boulangerie Wauters', 'Kapsalon Nina', 'Bouwbedrijf Jacobs'];

function makeTasks() {
  return NAMES.map((name, i) => ({
    id: String(1000 + i),
    name: i % 3 === 2 ? 'Review dispute' : 'Contact employer',
    step: i % 3 === 2 ? 'Activity_ReviewDispute' : 'Activity_ContactEmployer',
    process: { bpmnProcessId: 'recovery', name: 'Amicable recovery' },
    state: 'CREATED',
    assignee: i % 4 === 0 ? 'agent1' : i % 4 === 1 ? null : i % 4 === 2 ? 'agent2' : null,
    candidateGroups: ['recovery-agents'],
    caseId: String(500 + i),
    employer: { enterpriseNumber: String(403170701 + i * 1111), name },
    amountDue: (1234.56 * (i + 1) + i * 17.3).toFixed(2),
    dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`,
    createdAt: '2026-10-01T08:00:00Z',
    version: 1,
  }));
}

const state = { user: null, tasks: makeTasks(), empty: process.env.STUB_EMPTY === '1' };

function json(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}
const problem = (res, status, code, title, extra = {}) => json(res, status, { type: 'about:blank', title, status, code, ...extra }, 'application/problem+json');

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function caseFor(task) {
  return {
    id: task.caseId,
    status: 'OPEN',
    process: { bpmnProcessId: 'recovery', name: 'Amicable recovery', version: 1 },
    employer: {
      enterpriseNumber: task.employer.enterpriseNumber.padStart(10, '0'),
      formattedNumber: task.employer.enterpriseNumber.padStart(10, '0').replace(/^(\d{4})(\d{3})(\d{3})$/, '$1.$2.$3'),
      name: task.employer.name,
      legalForm: { code: '014', label: 'Naamloze vennootschap' },
      nace: { code: '10.711', label: 'Ambachtelijke vervaardiging van brood en van vers banketbakkerswerk' },
      address: { street: 'Kerkstraat 12', postalCode: '9000', city: 'Gent' },
      contacts: [
        { kind: 'phone', value: '+32 9 123 45 67', label: 'Boekhouding' },
        { kind: 'email', value: 'info@janssens.example', label: null },
        { kind: 'person', value: 'Marie Janssens', label: 'Zaakvoerder' },
      ],
    },
    amountDue: task.amountDue,
    openedAt: '2026-09-15T09:12:00Z',
    closedAt: null,
    currentTasks: [task],
    documents: [{ id: 'd1', kind: 'reminder-letter', title: 'Herinneringsbrief e-Box', createdAt: '2026-09-15T09:13:00Z' }],
    timeline: [
      { at: '2026-09-15T09:12:00Z', kind: 'event', actor: null, title: 'Debt detected for Q2 2026' },
      { at: '2026-09-15T09:13:00Z', kind: 'document', actor: 'system', title: 'Reminder sent to the e-Box' },
      { at: '2026-10-01T08:00:00Z', kind: 'timer', actor: null, title: 'Payment deadline passed' },
      { at: '2026-10-02T10:30:00Z', kind: 'task-claimed', actor: 'agent1', title: 'Contact employer claimed' },
    ],
  };
}

async function api(req, res, url) {
  const path = url.pathname;
  if (path === '/api/auth/login' && req.method === 'POST') {
    const body = await readBody(req);
    const user = USERS[body.username];
    if (!user || body.password !== 'werkbank') return problem(res, 401, 'INVALID_CREDENTIALS', 'Invalid credentials');
    state.user = user;
    res.setHeader('set-cookie', 'wb_session=stub; HttpOnly; Path=/');
    return json(res, 200, { user, token: 'stub' });
  }
  if (path === '/api/auth/logout') {
    state.user = null;
    return json(res, 204, {});
  }
  if (!state.user) return problem(res, 401, 'UNAUTHENTICATED', 'Not signed in');
  if (path === '/api/auth/me') return json(res, 200, state.user);
  if (path === '/api/users') return json(res, 200, [{ username: 'agent1', displayName: 'An Peeters' }, { username: 'agent2', displayName: 'Bram Claes' }]);
  if (path === '/api/tasks') {
    const view = url.searchParams.get('view');
    const page = Number(url.searchParams.get('page') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 25);
    let items = state.empty ? [] : state.tasks.filter((t) => (view === 'mine' ? t.assignee === state.user.username : t.assignee === null || view === 'group'));
    const employer = url.searchParams.get('employer');
    if (employer) items = items.filter((t) => t.employer.name.toLowerCase().includes(employer.toLowerCase()));
    return json(res, 200, { items: items.slice(page * size, page * size + size), total: items.length });
  }
  const match = path.match(/^\/api\/tasks\/(\d+)(?:\/(\w+))?$/);
  if (match) {
    const task = state.tasks.find((t) => t.id === match[1]);
    if (!task) return problem(res, 404, 'TASK_NOT_FOUND', 'Task not found');
    if (!match[2]) return json(res, 200, { ...task, form: { formId: 'contact-employer', version: 1, schema: formSchema }, variables: { employerName: task.employer.name, enterpriseNumber: task.employer.enterpriseNumber, quarter: '2026-Q2', debtId: 'D-' + task.id, amountDueCents: Math.round(Number(task.amountDue) * 100), dueDate: task.dueDate } });
    const body = await readBody(req);
    if (body.version !== task.version) return problem(res, 409, 'TASK_VERSION_CONFLICT', 'Stale version');
    if (match[2] === 'claim') Object.assign(task, { assignee: state.user.username, version: task.version + 1 });
    if (match[2] === 'unclaim') Object.assign(task, { assignee: null, version: task.version + 1 });
    if (match[2] === 'assign') Object.assign(task, { assignee: body.assignee, version: task.version + 1 });
    if (match[2] === 'complete') {
      if (body.variables?.notes === 'bad') return problem(res, 400, 'FORM_VALIDATION_FAILED', 'Invalid', { errors: [{ field: 'notes', message: 'must not be "bad"' }] });
      state.tasks = state.tasks.filter((t) => t !== task);
    }
    return json(res, 200, task);
  }
  const caseMatch = path.match(/^\/api\/cases\/(\d+)$/);
  if (caseMatch) {
    const task = makeTasks().find((t) => t.caseId === caseMatch[1]);
    return task ? json(res, 200, caseFor(task)) : problem(res, 404, 'CASE_NOT_FOUND', 'Case not found');
  }
  return problem(res, 404, 'NOT_FOUND', 'No such route');
}

export function startStub(port = 4300) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((error) => problem(res, 500, 'INTERNAL', String(error)));
      return;
    }
    let file = join(root, url.pathname);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolveListen) => server.listen(port, '127.0.0.1', () => resolveListen({ server, state, port: server.address().port })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { port } = await startStub(Number(process.argv[2] ?? 4300));
  console.log(`Stub API and UI on http://127.0.0.1:${port} (agent1 / lead1, password werkbank)`);
}
