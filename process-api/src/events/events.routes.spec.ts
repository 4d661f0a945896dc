import { resolve } from 'node:path';
import { ingestResultSchema, problemSchema, storedEventSchema } from '@werkbank/shared';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { startRouterTestServer as startTestServer, type TestServer } from '../test-support/router-test-server';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { employersRoutes } from '../http/employers.routes';
import { loadCodeLists } from '../persistence/code-lists';
import { EmployerRepository } from '../persistence/employer.repository';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { eventsRoutes } from './events.routes';

const [known] = generateDemoEmployers(1);

function debt(id: string, data: Record<string, unknown> = {}) {
  return {
    specversion: '1.0',
    id,
    source: '/employer-accounts',
    type: 'debt.detected',
    time: '2026-10-20T08:00:00Z',
    data: { enterpriseNumber: known.enterpriseNumber, debtId: `D-${id}`, quarter: '2026-Q3', amount: '1234.56', dueDate: '2026-10-15', ...data },
  };
}

describe('events.routes', () => {
  let db: TestDatabase;
  let server: TestServer;
  let wakes = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCodeLists(db.dataSource, resolve(__dirname, '../../data'));
    await seedDemoEmployers(db.dataSource, { count: 1 });
    const employers = new EmployerRepository(db.dataSource);
    server = await startTestServer(eventsRoutes({ dataSource: db.dataSource, employers, onIngested: () => wakes++ }), employersRoutes(employers));
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  const post = (body: unknown, type = 'application/cloudevents+json', roles: ('admin' | 'agent')[] = ['admin']) =>
    server.request('/api/events', { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body), roles });
  const stored = async (id: string) => (await db.dataSource.query(`SELECT * FROM inbound_event WHERE id = $1`, [id]))[0];

  it('should store a single event with normalised data and answer 202', async () => {
    // given a debt event with a dotted enterprise number
    const dotted = `${known.enterpriseNumber.slice(0, 4)}.${known.enterpriseNumber.slice(4, 7)}.${known.enterpriseNumber.slice(7)}`;
    // when posting it
    const res = await post(debt('single-1', { enterpriseNumber: dotted }));
    // then it is accepted and stored RECEIVED with the canonical number, exact cents and the employer's name
    expect(res.status).toBe(202);
    expect(ingestResultSchema.parse(await res.json())).toEqual({ accepted: 1, duplicates: 0, conflicts: 0 });
    const row = await stored('single-1');
    expect(row.status).toBe('RECEIVED');
    expect(row.data).toMatchObject({ enterpriseNumber: known.enterpriseNumber, amount: '1234.56', amountCents: 123456, employerName: known.name });
    expect(wakes).toBeGreaterThan(0);
  });

  it('should store a batch, ignore duplicate ids and create unknown employers', async () => {
    // given a batch whose last event repeats an id, and an employer nobody knows yet
    const stranger = '0403019261';
    const batch = [
      debt('batch-1'),
      { ...debt('batch-2', { enterpriseNumber: stranger, employerName: 'Nieuwe Zaak BV', amount: 99.9 }) },
      { specversion: '1.0', id: 'batch-3', source: '/payments', type: 'payment.received', data: { enterpriseNumber: known.enterpriseNumber, paymentId: 'P1', amount: 10, bookedAt: '2026-10-21' } },
      debt('batch-1'),
    ];
    // when posting it as a CloudEvents batch
    const res = await post(batch, 'application/cloudevents-batch+json');
    // then three are accepted, one is a duplicate
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 1, conflicts: 0 });
    expect((await stored('batch-2')).data).toMatchObject({ amountCents: 9990, employerName: 'Nieuwe Zaak BV' });
    const [employer] = await db.dataSource.query(`SELECT name FROM employer WHERE enterprise_number = $1`, [stranger]);
    expect(employer.name).toBe('Nieuwe Zaak BV');
    // and replaying the whole batch as plain JSON changes nothing
    const again = await post(batch, 'application/json');
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 4, conflicts: 0 });
  });

  it('should refuse a batch with a malformed event, name the field and store nothing of it', async () => {
    // given a batch whose fourth event has a bad enterprise number and a third decimal
    const batch = [debt('bad-0'), debt('bad-1'), debt('bad-2'), debt('bad-3', { enterpriseNumber: '0123456790', amount: '1.005' })];
    // when posting it
    const res = await post(batch, 'application/cloudevents-batch+json');
    // then it is a 400 problem naming both fields, and none of the batch is stored
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = problemSchema.parse(await res.json());
    expect(body.code).toBe('INVALID_EVENT');
    expect(body.errors?.map((e) => e.field)).toEqual(['[3].data.enterpriseNumber', '[3].data.amount']);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM inbound_event WHERE id LIKE 'bad-%'`);
    expect(count).toBe(0);
  });

  it('should refuse a broken envelope, a wrong shape, a wrong media type and callers without the admin role', async () => {
    const noId = await post({ ...debt('x'), id: undefined, specversion: '0.3' });
    expect(noId.status).toBe(400);
    expect(((await noId.json()) as { errors: { field: string }[] }).errors.map((e: { field: string }) => e.field).sort()).toEqual(['id', 'specversion']);
    expect((await post(debt('y'), 'application/cloudevents-batch+json')).status).toBe(400);
    expect((await post(debt('y'), 'text/plain')).status).toBe(415);
    expect((await post(debt('y'), undefined, ['agent'])).status).toBe(403);
    expect((await post(debt('y'), undefined, [])).status).toBe(401);
    expect(await stored('y')).toBeUndefined();
  });

  it('should store an unknown event type without a data check', async () => {
    const res = await post({ specversion: '1.0', id: 'unknown-1', source: '/x', type: 'declaration.processed', data: { anything: [1, 2] } });
    expect(res.status).toBe(202);
    expect(await stored('unknown-1')).toMatchObject({ status: 'RECEIVED', type: 'declaration.processed', data: { anything: [1, 2] } });
  });

  it('should list events by status for team leads, newest first, and refuse agents', async () => {
    // when a team lead lists received events, page size 2
    const res = await server.request('/api/events?status=received&page=0&size=2', { roles: ['team-lead'] });
    // then the newest two come back with the total
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: unknown[] };
    expect(body.total).toBe(5);
    expect(body.items.map((e: unknown) => storedEventSchema.parse(e).id)).toEqual(['unknown-1', 'batch-3']);
    expect(((await server.request('/api/events?status=routed', { roles: ['admin'] }).then((r) => r.json())) as { total: number }).total).toBe(0);
    expect((await server.request('/api/events?status=bogus', { roles: ['admin'] })).status).toBe(400);
    expect((await server.request('/api/events', { roles: ['agent'] })).status).toBe(403);
  });

  // after the listing test, which counts every stored event
  it('should acknowledge a replayed id with other content once, and count it as a conflict', async () => {
    // given a stored event
    await post(debt('conflict-1'));
    // when the same id arrives with another amount (keys in another order), with the same data, and with another source
    const sameData = debt('conflict-1');
    const reordered = { ...sameData, data: Object.fromEntries(Object.entries(sameData.data).reverse()) };
    const res = await post([debt('conflict-1', { amount: '99.00' }), reordered, { ...sameData, source: '/elsewhere' }], 'application/cloudevents-batch+json');
    // then all are acknowledged as duplicates, the stored event is kept, and the id with differences counts once
    expect(res.status).toBe(202);
    expect(ingestResultSchema.parse(await res.json())).toEqual({ accepted: 0, duplicates: 3, conflicts: 1 });
    expect((await stored('conflict-1')).data.amount).toBe('1234.56');
    // and a faithful replay alone is no conflict
    expect(await (await post(reordered)).json()).toEqual({ accepted: 0, duplicates: 1, conflicts: 0 });
  });

  it('should refuse an event over 64 KiB, naming its index and size, while a large batch of small events passes', async () => {
    // given a batch whose second event carries 70 000 characters of data
    const big = { specversion: '1.0', id: 'big-1', source: '/x', type: 'unknown.kind', data: { blob: 'x'.repeat(70_000) } };
    // when posting it
    const res = await post([debt('small-1'), big], 'application/cloudevents-batch+json');
    // then it is refused naming [1] and its size, and nothing is stored
    expect(res.status).toBe(400);
    const body = problemSchema.parse(await res.json());
    expect(body.code).toBe('INVALID_EVENT');
    expect(body.errors).toEqual([{ field: '[1]', message: expect.stringMatching(/event \[1\] is 700\d\d bytes serialized; at most 65536 bytes/) }]);
    expect(await stored('small-1')).toBeUndefined();
    // and a batch of 200 events of 30 KiB each (6 MB) is accepted
    const many = Array.from({ length: 200 }, (_, i) => ({ specversion: '1.0', id: `many-${i}`, source: '/x', type: 'unknown.kind', data: { blob: 'y'.repeat(30_000) } }));
    expect(await (await post(many, 'application/cloudevents-batch+json')).json()).toEqual({ accepted: 200, duplicates: 0, conflicts: 0 });
  });

  it('should give the employer summary to any authenticated user', async () => {
    const res = await server.request(`/api/employers/BE${known.enterpriseNumber}`, { roles: ['agent'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enterpriseNumber: known.enterpriseNumber, name: known.name });
    expect((await server.request('/api/employers/0123456790', { roles: ['agent'] })).status).toBe(400);
    expect((await server.request('/api/employers/0314595348', { roles: ['agent'] })).status).toBe(404);
    expect((await server.request(`/api/employers/${known.enterpriseNumber}`)).status).toBe(401);
  });
});
