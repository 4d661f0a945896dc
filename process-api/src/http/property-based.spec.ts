/*
 * Property-based tests (issue 4, "Bad input"): whatever a client sends to event intake, task completion or deploy,
 * the answer is never a 500 and a refused request changes nothing. fast-check generates the inputs: arbitrary JSON,
 * and valid requests with one part broken (a field dropped, retyped, oversized), where bugs hide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EngineError } from '../engine/process-engine';
import { seedDemoUsers } from '../persistence/seed-demo-users';
import { eventually, MODELS_DIR, startRecoveryApp, type RecoveryApp } from '../test-support/recovery-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { apiClient, loginAs } from '../test-support/test-server';

const PASSWORD = 'test-password';
const RUNS = Number(process.env['WERKBANK_PROPERTY_RUNS'] ?? 60);

/** A valid debt event; the arbitraries below break one part of it. */
const debt = (id: string) => ({
  specversion: '1.0', id, source: 'urn:test:accounts', type: 'debt.detected', time: '2026-11-05T08:00:00Z', datacontenttype: 'application/json',
  data: { enterpriseNumber: '0403170701', debtId: `D-${id}`, quarter: '2026-Q3', amount: '100.00', dueDate: '2026-10-31' },
});

const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }), fc.string({ minLength: 5000, maxLength: 70_000 }));

/** A debt event with one envelope or data field dropped or replaced by junk. */
const brokenEvent = fc.record({
  id: fc.uuid(),
  where: fc.constantFrom('envelope', 'data'),
  field: fc.constantFrom('specversion', 'id', 'source', 'type', 'time', 'data', 'enterpriseNumber', 'debtId', 'quarter', 'amount', 'dueDate', 'extra'),
  drop: fc.boolean(),
  value: junk,
}).map(({ id, where, field, drop, value }) => {
  const event: Record<string, unknown> = debt(id);
  const target = where === 'data' ? (event['data'] as Record<string, unknown>) : event;
  if (drop) delete target[field];
  else target[field] = value;
  return event;
});

describe('property-based: no input makes a 500 or a partial change', () => {
  let db: TestDatabase;
  let app: RecoveryApp;
  let admin: ReturnType<typeof apiClient>;
  let agent: ReturnType<typeof apiClient>;
  const count = async (sql: string) => (await db.dataSource.query(sql))[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoUsers(db.dataSource, PASSWORD);
    app = await startRecoveryApp(db.dataSource);
    admin = apiClient(app.server.baseUrl, await loginAs(app.server.baseUrl, 'admin', PASSWORD));
    agent = apiClient(app.server.baseUrl, await loginAs(app.server.baseUrl, 'agent1', PASSWORD));
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('should answer any JSON body on POST /api/events with 202 or a 4xx problem, storing all or nothing', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      brokenEvent,
      fc.array(fc.oneof(brokenEvent, fc.uuid().map((id) => debt(`ok-${id}`))), { minLength: 1, maxLength: 8 }),
    );
    const contentType = fc.constantFrom('application/cloudevents+json', 'application/cloudevents-batch+json', 'application/json');
    await fc.assert(fc.asyncProperty(body, contentType, async (payload, type) => {
      const before = await count(`SELECT count(*)::int AS n FROM inbound_event`);
      const res = await admin.post('/api/events', JSON.stringify(payload), { 'content-type': type });
      const after = await count(`SELECT count(*)::int AS n FROM inbound_event`);
      expect(res.status).not.toBeGreaterThanOrEqual(500);
      if (res.status === 202) {
        expect(after - before).toBe(res.body.accepted);
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.code).toEqual(expect.any(String));
        expect(after).toBe(before);
      }
    }), { numRuns: RUNS });
  });

  it('should answer any completion of a claimed task with 204 or a 4xx problem, leaving the task untouched when refused', async () => {
    let cases = 0;
    /** A recovery case whose "Contact employer" task agent1 holds. */
    async function claimedTask(): Promise<{ key: string; caseId: string }> {
      cases += 1;
      const enterpriseNumber = `0${2_000_000 + cases}`;
      const number = `${enterpriseNumber}${String(97 - (Number(enterpriseNumber) % 97)).padStart(2, '0')}`;
      const { processInstanceKeys } = await app.engine.publishMessage({
        name: 'debt.detected', correlationKey: number, variables: { enterpriseNumber: number, debtCents: 50_000, debtId: `P-${cases}`, quarter: '2026-Q3', dueDate: '2026-10-31' },
      });
      // the app's own workers send the reminder in the background: wait for it before time moves
      await eventually(async () => (await count(`SELECT count(*)::int AS n FROM job WHERE process_instance_key = ${Number(processInstanceKeys[0])}`)) === 0, 'the reminder job');
      await app.engine.advanceClock('P15D');
      const [task] = await app.engine.searchUserTasks({ processInstanceKey: processInstanceKeys[0], state: 'CREATED' });
      if (!task) throw new Error('no Contact employer task');
      expect((await agent.post(`/api/tasks/${task.key}/claim`, { version: task.version })).status).toBe(200);
      return { key: task.key, caseId: task.processInstanceKey };
    }
    const snapshot = async (t: { key: string; caseId: string }) => ({
      task: (await db.dataSource.query(`SELECT state, version, assignee FROM user_task WHERE key = $1`, [t.key]))[0],
      variables: await app.engine.getVariables(t.caseId),
    });
    let current = await claimedTask();
    let completed = 0;

    const validish = fc.record({
      contactOutcome: fc.oneof(fc.constantFrom('promise', 'dispute', 'unreachable', 'instalment-plan'), junk),
      contactChannel: fc.oneof(fc.constantFrom('phone', 'email'), junk),
      notes: fc.oneof(fc.string({ maxLength: 50 }), junk),
      promisedDate: fc.oneof(fc.constantFrom('1999-01-01', '2026-13-45', 'tomorrow'), junk),
    }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ version: fc.oneof(fc.integer({ min: -2, max: 4 }), junk), variables: fc.oneof(validish, fc.jsonValue()) }, { requiredKeys: [] }),
    );
    await fc.assert(fc.asyncProperty(body, async (payload) => {
      const before = await snapshot(current);
      const res = await agent.post(`/api/tasks/${current.key}/complete`, JSON.stringify(payload));
      expect(res.status).not.toBeGreaterThanOrEqual(500);
      if (res.status === 204) {
        // a generated body that happens to be a valid completion completes the task; go on with a new one
        expect((await snapshot(current)).task.state).toBe('COMPLETED');
        completed += 1;
        current = await claimedTask();
        return;
      }
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await snapshot(current)).toEqual(before);
    }), { numRuns: RUNS });
    expect(completed).toBeLessThan(RUNS);
  });

  it('should refuse any broken model at deploy with DEPLOYMENT_REJECTED and deploy nothing', async () => {
    const recovery = readFileSync(join(MODELS_DIR, 'recovery.bpmn'), 'utf8');
    const broken = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.nat({ max: recovery.length - 10 }).map((at) => recovery.slice(0, at)),
      fc.tuple(fc.nat({ max: recovery.length - 1 }), fc.string({ minLength: 1, maxLength: 20 })).map(([at, s]) => recovery.slice(0, at) + `<${s}` + recovery.slice(at)),
      fc.constantFrom('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>', '<definitions/>', ''),
    );
    await fc.assert(fc.asyncProperty(broken, async (content) => {
      const before = await count(`SELECT count(*)::int AS n FROM process_definition`);
      const outcome = await app.engine.deploy([{ name: 'broken.bpmn', content }]).then(() => 'deployed', (e: unknown) => e);
      if (outcome === 'deployed') return; // a cut or insertion that still makes a valid model is fine
      expect(outcome).toBeInstanceOf(EngineError);
      expect((outcome as EngineError).code).toBe('DEPLOYMENT_REJECTED');
      expect((outcome as EngineError).problems.length).toBeGreaterThan(0);
      expect(await count(`SELECT count(*)::int AS n FROM process_definition`)).toBe(before);
    }), { numRuns: RUNS });
  });
});
