import { resolve } from 'node:path';
import type { CloudEvent } from '@werkbank/shared';
import type { EntityManager } from 'typeorm';
import type { PublishMessageCommand, PublishMessageResult } from '../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { EmployerRepository } from '../persistence/employer.repository';
import { loadRoutingRules } from '../persistence/routing-rule.repository';
import { EventRouter } from './event-router';
import { ingestEvents } from './ingest-events';

const EMPLOYER = '0403019261';
const OTHER = '0878065378';

/** Stands in for the engine: a debt starts an instance, a payment correlates only where a debt started one. */
class FakeEngine {
  readonly published: PublishMessageCommand[] = [];
  readonly instances = new Map<string, string>();
  failFor = new Set<string>();
  /** Milliseconds a debt takes to publish: a payment routed in parallel would overtake it. */
  debtDelayMs = 0;
  /**
   * A debt waits until this many are in flight, then all go on (each waits 2 s at most): shows how many the router runs
   * at once without depending on the machine's speed (with a delay alone, a loaded machine let the first finish before
   * the last had started).
   */
  debtBarrier = 0;
  /** Most publications seen in flight at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private next = 1000;

  async publishMessage(command: PublishMessageCommand, options?: { tx?: EntityManager }): Promise<PublishMessageResult> {
    // the router must hand over its transaction: the engine's writes commit with the event's status
    if (!options?.tx) throw new Error('no transaction given');
    await options.tx.query('SELECT 1');
    if (this.failFor.has(command.correlationKey)) throw new Error(`engine unavailable for ${command.correlationKey}`);
    this.published.push(command);
    if (command.name === 'debt.detected') {
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      if (this.debtDelayMs) await new Promise((r) => setTimeout(r, this.debtDelayMs));
      if (this.debtBarrier && this.inFlight >= this.debtBarrier) for (const go of this.waiting.splice(0)) go();
      else if (this.debtBarrier) await new Promise<void>((go) => { this.waiting.push(go); setTimeout(go, 2000); });
      this.inFlight--;
      const key = String(this.next++);
      this.instances.set(command.correlationKey, key);
      return { messageKey: `m${key}`, processInstanceKeys: [key] };
    }
    const waiting = this.instances.get(command.correlationKey);
    return { messageKey: `m${this.next++}`, processInstanceKeys: waiting ? [waiting] : [] };
  }
}

/** An engine that settles each event as one of its commands (`runInCommand`, as the embedded engine's group commit). */
class CommandEngine extends FakeEngine {
  units = 0;
  private readonly unitTx = new Set<EntityManager>();
  constructor(private readonly run: <T>(work: (tx: EntityManager) => Promise<T>) => Promise<T>) {
    super();
  }

  runInCommand<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    this.units++;
    return this.run(async (tx) => {
      this.unitTx.add(tx);
      try {
        return await work(tx);
      } finally {
        this.unitTx.delete(tx);
      }
    });
  }

  override async publishMessage(command: PublishMessageCommand, options?: { tx?: EntityManager }): Promise<PublishMessageResult> {
    if (!options?.tx || !this.unitTx.has(options.tx)) throw new Error('published outside the unit of work');
    return super.publishMessage(command, options);
  }
}

const event = (id: string, type: string, data: Record<string, unknown>): CloudEvent => ({ specversion: '1.0', id, source: '/test', type, data });
const debt = (id: string, enterpriseNumber = EMPLOYER) => event(id, 'debt.detected', { enterpriseNumber, debtId: `D-${id}`, quarter: '2026-Q3', amount: '1500.25', dueDate: '2026-10-15', employerName: 'Bakkerij Peeters BV' });
const payment = (id: string, enterpriseNumber = EMPLOYER) => event(id, 'payment.received', { enterpriseNumber, paymentId: `P-${id}`, amount: 500, bookedAt: '2026-10-20' });

describe('EventRouter', () => {
  let db: TestDatabase;
  let employers: EmployerRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    employers = new EmployerRepository(db.dataSource);
    await loadRoutingRules(db.dataSource, resolve(__dirname, 'event-routes.fixture.json'));
  });
  afterAll(async () => {
    await db.drop();
  });
  let warn: jest.SpyInstance;
  beforeEach(async () => {
    await db.dataSource.query('DELETE FROM inbound_event');
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const statusOf = async (id: string) => (await db.dataSource.query(`SELECT status, detail, attempts FROM inbound_event WHERE id = $1`, [id]))[0];

  it('should publish messages with FEEL-evaluated keys and variables, in order of receipt', async () => {
    // given a debt and a payment for it, then a payment nobody waits for
    const engine = new FakeEngine();
    await ingestEvents(db.dataSource, employers, [debt('r1'), payment('r2'), payment('r3', OTHER)]);
    // when the router drains
    const counts = await new EventRouter({ dataSource: db.dataSource, engine, employers }).drain();
    // then the debt started an instance with exact cents, the payment correlated, the stray payment is unmatched
    expect(counts).toEqual({ routed: 2, unmatched: 1, failed: 0, retried: 0 });
    const published = (id: string) => engine.published.find((p) => p.messageId === id);
    expect(published('r1')).toEqual({
      name: 'debt.detected',
      correlationKey: EMPLOYER,
      messageId: 'r1',
      timeToLive: 0,
      variables: { enterpriseNumber: EMPLOYER, employerName: 'Bakkerij Peeters BV', debtId: 'D-r1', quarter: '2026-Q3', amountDueCents: 150025, dueDate: '2026-10-15' },
    });
    expect(engine.published.indexOf(published('r2') as PublishMessageCommand)).toBeGreaterThan(engine.published.indexOf(published('r1') as PublishMessageCommand));
    expect(published('r2')).toMatchObject({ name: 'payment.received', messageId: 'r2', variables: { paymentId: 'P-r2', paymentCents: 50000, bookedAt: '2026-10-20' } });
    // instance numbers depend on which employer the parallel router reached first
    expect(await statusOf('r1')).toMatchObject({ status: 'ROUTED', detail: expect.stringMatching(new RegExp(`^debt\\.detected \\[${EMPLOYER}\\] -> instance \\d+$`)), attempts: 1 });
    expect(await statusOf('r3')).toMatchObject({ status: 'UNMATCHED', detail: `payment.received [${OTHER}]: no process instance waits for it` });
  });

  it('should route the events of one employer in order of receipt while employers run in parallel', async () => {
    // given 20 employers, each with a slow debt followed by its payment in the same batch
    const engine = new FakeEngine();
    engine.debtDelayMs = 15;
    const numbers = Array.from({ length: 20 }, (_, i) => `0${4030192 + i}${String(97 - ((4030192 + i) % 97)).padStart(2, '0')}`);
    await ingestEvents(db.dataSource, employers, [...numbers.map((n, i) => debt(`od${i}`, n)), ...numbers.map((n, i) => payment(`op${i}`, n))]);
    // when the router drains them with several connections at once
    const counts = await new EventRouter({ dataSource: db.dataSource, engine, employers }, { concurrency: 6 }).drain();
    // then every payment found its debt's instance (none overtook its debt), and the debts did not wait for each other
    expect(counts).toEqual({ routed: 40, unmatched: 0, failed: 0, retried: 0 });
    for (let i = 0; i < numbers.length; i++) expect(await statusOf(`op${i}`)).toMatchObject({ status: 'ROUTED', detail: expect.stringContaining('-> instance') });
    expect(engine.maxInFlight).toBeGreaterThan(1);
  });

  it('should settle each event as one engine command when the engine offers it, employers in parallel and each in order', async () => {
    // given 8 employers, each with a slow debt and then its payment, and an engine that runs units of work
    const engine = new CommandEngine((work) => db.dataSource.transaction(work));
    engine.debtBarrier = 8;
    const numbers = Array.from({ length: 8 }, (_, i) => `0${4030392 + i}${String(97 - ((4030392 + i) % 97)).padStart(2, '0')}`);
    await ingestEvents(db.dataSource, employers, [...numbers.map((n, i) => debt(`cd${i}`, n)), ...numbers.map((n, i) => payment(`cp${i}`, n)), payment('cx', OTHER)]);
    // when the router drains with its defaults
    const counts = await new EventRouter({ dataSource: db.dataSource, engine, employers }).drain();
    // then every event was one unit of work, the payments found their debts, and more employers ran at once than the 6
    // connections of a router without units
    expect(counts).toEqual({ routed: 16, unmatched: 1, failed: 0, retried: 0 });
    expect(engine.units).toBe(17);
    for (let i = 0; i < numbers.length; i++) expect(await statusOf(`cp${i}`)).toMatchObject({ status: 'ROUTED', detail: expect.stringContaining('-> instance') });
    expect(engine.maxInFlight).toBe(8);
  });

  it('should retry and then fail an event in its own unit of work without blocking the others', async () => {
    const engine = new CommandEngine((work) => db.dataSource.transaction(work));
    engine.failFor.add(OTHER);
    await ingestEvents(db.dataSource, employers, [debt('cf1', OTHER), debt('cf2'), payment('cf3')]);
    const counts = await new EventRouter({ dataSource: db.dataSource, engine, employers }, { maxAttempts: 2, retryDelayMs: 0 }).drain();
    expect(counts).toEqual({ routed: 2, unmatched: 0, failed: 1, retried: 1 });
    expect(await statusOf('cf1')).toEqual({ status: 'FAILED', detail: `engine unavailable for ${OTHER}`, attempts: 2 });
  });

  it('should keep each employer in order of receipt when two routers drain the same events at once', async () => {
    // given 20 employers, each with a slow debt followed by its payment, and two routers (as two API processes)
    const engine = new FakeEngine();
    engine.debtDelayMs = 15;
    const numbers = Array.from({ length: 20 }, (_, i) => `0${4030292 + i}${String(97 - ((4030292 + i) % 97)).padStart(2, '0')}`);
    await ingestEvents(db.dataSource, employers, [...numbers.map((n, i) => debt(`td${i}`, n)), ...numbers.map((n, i) => payment(`tp${i}`, n))]);
    // 4 lanes each: both routers together stay within the test pool (10 connections); with 6 each, two lanes waited for a
    // connection and, on a loaded machine, gave up after the pool's 5 s (the event then waits for its retry)
    const routers = [1, 2].map(() => new EventRouter({ dataSource: db.dataSource, engine, employers }, { concurrency: 4 }));
    // when both drain at the same time (until nothing is pending: a router that finds everything taken stops early)
    for (let round = 0; round < 50; round++) {
      await Promise.all(routers.map((r) => r.drain()));
      const [{ pending }] = await db.dataSource.query(`SELECT count(*)::int AS pending FROM inbound_event WHERE status = 'RECEIVED' AND id LIKE 't%'`);
      if (pending === 0) break;
    }
    // then no payment overtook its debt on the other router
    for (let i = 0; i < numbers.length; i++) expect(await statusOf(`tp${i}`)).toMatchObject({ status: 'ROUTED', detail: expect.stringContaining('-> instance') });
  });

  it('should leave unknown types unmatched and count a buffered message as routed', async () => {
    const engine = new FakeEngine();
    await ingestEvents(db.dataSource, employers, [
      event('u1', 'declaration.processed', { x: 1 }),
      event('u2', 'deferral.requested', { enterpriseNumber: EMPLOYER, requestId: 'R1', amount: '100', instalments: 3, reason: 'cash flow' }),
    ]);
    await new EventRouter({ dataSource: db.dataSource, engine, employers }).drain();
    expect(await statusOf('u1')).toMatchObject({ status: 'UNMATCHED', detail: 'no routing rule for event type declaration.processed' });
    expect(await statusOf('u2')).toMatchObject({ status: 'ROUTED', detail: `deferral.requested [${EMPLOYER}] buffered for P10D` });
    expect(engine.published[0].timeToLive).toBe(10 * 24 * 3600 * 1000);
  });

  it('should retry a failing event, then mark it FAILED, without blocking the others', async () => {
    // given an engine that fails for one employer
    const engine = new FakeEngine();
    engine.failFor.add(OTHER);
    await ingestEvents(db.dataSource, employers, [debt('f1', OTHER), debt('f2'), payment('f3')]);
    // when draining with three attempts and no back-off
    const counts = await new EventRouter({ dataSource: db.dataSource, engine, employers }, { maxAttempts: 3, retryDelayMs: 0 }).drain();
    // then the others are routed and the failing one ends FAILED after three attempts with the error
    expect(counts).toEqual({ routed: 2, unmatched: 0, failed: 1, retried: 2 });
    expect(await statusOf('f1')).toEqual({ status: 'FAILED', detail: `engine unavailable for ${OTHER}`, attempts: 3 });
    expect(await statusOf('f3')).toMatchObject({ status: 'ROUTED' });
    expect(warn).toHaveBeenCalledWith(`Event f1 failed: engine unavailable for ${OTHER}`);
  });

  it('should fail at once when a rule expression gives no correlation key', async () => {
    await ingestEvents(db.dataSource, employers, [event('x1', 'fraud.signal', { enterpriseNumber: EMPLOYER, signalId: 'S1', score: 0.9, indicators: ['LIMOSA'] })]);
    await new EventRouter({ dataSource: db.dataSource, engine: new FakeEngine(), employers }).drain();
    expect(await statusOf('x1')).toMatchObject({ status: 'FAILED', attempts: 1, detail: expect.stringContaining('correlation key =data.missing.field is empty') });
  });

  it('should replace the central contacts on contact.updated without a process', async () => {
    // given an employer with a contact from an earlier source
    await ingestEvents(db.dataSource, employers, [event('c1', 'contact.updated', { enterpriseNumber: EMPLOYER, contacts: [{ kind: 'phone', value: '+32 2 000 00 00', label: 'old' }] })]);
    await ingestEvents(db.dataSource, employers, [event('c2', 'contact.updated', { enterpriseNumber: EMPLOYER, contacts: [{ kind: 'email', value: 'boekhouding@peeters.be', label: 'Boekhouding' }, { kind: 'phone', value: '+32 3 123 45 67' }] })]);
    const engine = new FakeEngine();
    // when routing both
    await new EventRouter({ dataSource: db.dataSource, engine, employers }).drain();
    // then the current contacts are those of the last event, the old one kept but closed, and no message was published
    expect(engine.published).toHaveLength(0);
    expect(await statusOf('c2')).toMatchObject({ status: 'ROUTED', detail: `2 contact(s) replaced for ${EMPLOYER}` });
    const summary = await employers.summary(EMPLOYER);
    expect(summary?.contacts).toEqual([
      { kind: 'email', value: 'boekhouding@peeters.be', label: 'Boekhouding' },
      { kind: 'phone', value: '+32 3 123 45 67', label: null },
    ]);
    const [{ closed }] = await db.dataSource.query(`SELECT count(*)::int AS closed FROM employer_contact WHERE valid_to IS NOT NULL`);
    expect(closed).toBe(1);
  });

  it('should route right after a wake once started', async () => {
    const engine = new FakeEngine();
    const router = new EventRouter({ dataSource: db.dataSource, engine, employers }, { pollIntervalMs: 60000 });
    router.start();
    await ingestEvents(db.dataSource, employers, [debt('w1')]);
    router.wake();
    for (let i = 0; i < 50 && engine.published.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await router.stop();
    expect(await statusOf('w1')).toMatchObject({ status: 'ROUTED' });
  });

  it('should make the rule table equal to the rules file on every load', async () => {
    const rules = await loadRoutingRules(db.dataSource, resolve(__dirname, 'event-routes.fixture.json'));
    const rows = await db.dataSource.query(`SELECT event_type FROM routing_rule ORDER BY event_type`);
    expect(rows.map((r: { event_type: string }) => r.event_type)).toEqual(rules.map((r) => r.eventType).sort());
  });
});
