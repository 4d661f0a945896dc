import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseDetailSchema, problemSchema, processDescriptionListSchema, processDescriptionSchema, storedEventSchema } from '@werkbank/shared';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { eventually, MODELS_DIR, startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';
const employers = generateDemoEmployers(2);

/** The process catalogue: names of processes and steps in en/nl/fr read from the deployed models, and case figures. */
describe('process routes', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => apiClient(app.server.baseUrl, tokens[user]);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    app = await startRecoveryApp(db.dataSource);
    await seedDemoEmployers(db.dataSource, { count: employers.length });
    for (const user of ['admin', 'agent1', 'inspector1', 'designer1']) tokens[user] = await loginAs(app.server.baseUrl, user, PASSWORD);
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('should list every deployed process with its steps named in English, Dutch and French', async () => {
    // given the three core models are deployed / when an agent asks for the processes
    const response = await as('agent1').get('/api/processes');
    // then each comes with its localized name and its user tasks among the steps
    expect(response.status).toBe(200);
    const { items } = processDescriptionListSchema.parse(response.body);
    expect(items.map((p) => p.bpmnProcessId)).toEqual(['inspection', 'payment-deferral', 'recovery']);
    const recovery = items.find((p) => p.bpmnProcessId === 'recovery');
    expect(recovery?.name).toEqual({ en: 'Amicable recovery', nl: 'Minnelijke invordering', fr: 'Recouvrement amiable' });
    expect(recovery?.steps.find((s) => s.elementId === 'Activity_ContactEmployer')).toEqual({
      elementId: 'Activity_ContactEmployer', kind: 'userTask', name: { en: 'Contact employer', nl: 'Werkgever contacteren', fr: 'Contacter l’employeur' } });
    const inspection = items.find((p) => p.bpmnProcessId === 'inspection');
    expect(inspection?.steps.filter((s) => s.kind === 'userTask').map((s) => s.elementId)).toEqual(['Activity_Triage', 'Activity_Investigate', 'Activity_Report']);
    // and gateways are routing, not steps
    expect(items.flatMap((p) => p.steps).some((s) => s.kind.endsWith('Gateway'))).toBe(false);
    expect(items.find((p) => p.bpmnProcessId === 'payment-deferral')?.figures.map((f) => f.variable)).toContain('schedule');
  });

  it('should be open to every signed-in user and to nobody else', async () => {
    expect((await as('designer1').get('/api/processes')).status).toBe(200);
    const anonymous = await apiClient(app.server.baseUrl).get('/api/processes');
    expect(anonymous.status).toBe(401);
    expect(problemSchema.parse(anonymous.body).code).toBe('UNAUTHENTICATED');
  });

  it('should name each version by its own model and answer 404 for a version that is not deployed', async () => {
    // given a designer renames the triage in Dutch and deploys a second version of inspection
    const xml = readFileSync(join(MODELS_DIR, 'inspection.bpmn'), 'utf8').replace('<zeebe:property name="name.nl" value="Triage" />', '<zeebe:property name="name.nl" value="Signaal beoordelen" />');
    const deployed = await as('admin').post('/api/deployments', { resources: [{ name: 'inspection.bpmn', content: xml }] });
    expect(deployed.status).toBe(201);
    // when the versions are asked for
    const latest = processDescriptionListSchema.parse((await as('agent1').get('/api/processes')).body).items.find((p) => p.bpmnProcessId === 'inspection');
    const first = processDescriptionSchema.parse((await as('agent1').get('/api/processes/inspection/versions/1')).body);
    // then the latest carries the new name and version 1 keeps the old one
    expect(latest?.version).toBe(2);
    expect(latest?.steps.find((s) => s.elementId === 'Activity_Triage')?.name.nl).toBe('Signaal beoordelen');
    expect(first.steps.find((s) => s.elementId === 'Activity_Triage')?.name.nl).toBe('Triage');
    const missing = await as('agent1').get('/api/processes/inspection/versions/99');
    expect(missing.status).toBe(404);
    expect(problemSchema.parse(missing.body).code).toBe('PROCESS_NOT_FOUND');
    expect((await as('agent1').get('/api/processes/inspection/versions/x')).status).toBe(404);
  });

  it('should show the key figures the model declares with the case’s values', async () => {
    // given an employer asks to pay 900,00 EUR in 6 instalments
    const event = { specversion: '1.0', id: 'fig-1', source: '/test', type: 'deferral.requested', time: '2026-10-20T08:00:00Z',
      data: { enterpriseNumber: employers[0].enterpriseNumber, requestId: 'REQ-FIG-1', amount: '900.00', instalments: 6, reason: 'Seasonal business, low winter.' } };
    expect((await as('admin').post('/api/events', JSON.stringify(event), { 'content-type': 'application/cloudevents+json' })).status).toBe(202);
    const routed = await eventually(async () => {
      const found = (await as('admin').get('/api/events?status=routed&size=500')).body.items.find((e: { id: string }) => e.id === 'fig-1');
      return found ? storedEventSchema.parse(found) : undefined;
    }, 'the deferral request to be routed');
    const caseId = /instance (\d+)/.exec(routed.detail ?? '')?.[1] ?? '';
    // when an agent opens the case
    const detail = caseDetailSchema.parse((await as('agent1').get(`/api/cases/${caseId}`)).body);
    // then the requested amount and instalments are among its figures, named in every language
    const figure = (variable: string) => detail.figures?.find((f) => f.variable === variable);
    expect(figure('amountCents')).toEqual({ variable: 'amountCents', kind: 'cents', name: { en: 'Requested amount', nl: 'Gevraagd bedrag', fr: 'Montant demandé' }, value: 90000 });
    expect(figure('requestedInstalments')?.value).toBe(6);
    expect(detail.figures?.map((f) => f.variable)).toContain('schedule');
  });

  it('should filter the task list on a step given by several element ids', async () => {
    // given a request too large to approve automatically, waiting for an agent's assessment
    const event = { specversion: '1.0', id: 'fig-2', source: '/test', type: 'deferral.requested', time: '2026-10-20T08:00:00Z',
      data: { enterpriseNumber: employers[1].enterpriseNumber, requestId: 'REQ-FIG-2', amount: '60000.00', instalments: 18, reason: 'Lost a large client this year.' } };
    expect((await as('admin').post('/api/events', JSON.stringify(event), { 'content-type': 'application/cloudevents+json' })).status).toBe(202);
    const query = `/api/tasks?view=group&employer=${employers[1].enterpriseNumber}`;
    const assess = await eventually(async () => (await as('agent1').get(`${query}&step=Activity_AssessRequest`)).body.items?.[0], 'the assessment task');
    // when the filter names it among other ids of one step, or names only others
    const several = await as('agent1').get(`${query}&process=payment-deferral&step=Activity_FollowUpMissed,Activity_AssessRequest`);
    const others = await as('agent1').get(`${query}&step=Activity_FollowUpMissed,Activity_ApproveAgreement`);
    // then
    expect(several.body.items.map((t: { id: string }) => t.id)).toEqual([assess.id]);
    expect(others.body.total).toBe(0);
  });
});
