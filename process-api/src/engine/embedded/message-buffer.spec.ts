import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import type { EngineError, EngineRecord } from '../process-engine';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine message buffering and concurrent correlation', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  let records: EngineRecord[];
  const state = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;
  const count = async (table: string, pi: string) => (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE process_instance_key = $1`, [pi]))[0].n;
  const activated = (elementId: string, pi: string) => records.filter((r) => r.kind === 'ELEMENT_ACTIVATED' && r.elementId === elementId && r.processInstanceKey === pi).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    engine.onRecords(async (_tx, r) => {
      records.push(...r);
    });
    await engine.deploy([fixture('message-buffer.bpmn')]);
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should correlate a message with a TTL of 1 s to a subscription opened 0.5 s later', async () => {
    await engine.publishMessage({ name: 'paid', correlationKey: 'ttl-1', timeToLive: 1000 });
    await engine.advanceClock('PT0.5S');
    const { processInstanceKey } = await engine.createInstance('await-paid', { orderId: 'ttl-1' });
    expect(await state(processInstanceKey)).toBe('COMPLETED');
  });

  it('should not correlate a message with a TTL of 1 s to a subscription opened 2 s later', async () => {
    await engine.publishMessage({ name: 'paid', correlationKey: 'ttl-2', timeToLive: 1000 });
    await engine.advanceClock('PT2S');
    const { processInstanceKey } = await engine.createInstance('await-paid', { orderId: 'ttl-2' });
    expect(await state(processInstanceKey)).toBe('ACTIVE');
    expect(await count('message_subscription', processInstanceKey)).toBe(1);
  });

  it('should accept a messageId once while buffered and again once it expired', async () => {
    // given a buffered message with id m-1
    await engine.publishMessage({ name: 'paid', correlationKey: 'id-1', timeToLive: 1000, messageId: 'm-1' });
    // when it is published again while buffered, then it is refused
    const duplicate = await engine.publishMessage({ name: 'paid', correlationKey: 'id-1', timeToLive: 1000, messageId: 'm-1' }).catch((e: EngineError) => e);
    expect((duplicate as EngineError).code).toBe('MESSAGE_ALREADY_EXISTS');
    // and another key or id is not a duplicate
    await expect(engine.publishMessage({ name: 'paid', correlationKey: 'id-2', timeToLive: 1000, messageId: 'm-1' })).resolves.toBeDefined();
    // when it expired, the same id is accepted again
    await engine.advanceClock('PT1S');
    await expect(engine.publishMessage({ name: 'paid', correlationKey: 'id-1', timeToLive: 1000, messageId: 'm-1' })).resolves.toBeDefined();
  });

  it('should give a buffered message to one instance per process', async () => {
    // given one buffered message
    await engine.publishMessage({ name: 'paid', correlationKey: 'once', timeToLive: 60_000, variables: { amount: 10 } });
    // when two instances of one process and one of another open their subscriptions
    const first = await engine.createInstance('await-paid', { orderId: 'once' });
    const second = await engine.createInstance('await-paid', { orderId: 'once' });
    const other = await engine.createInstance('await-paid-too', { orderId: 'once' });
    // then only the first of the process and the other process got it
    expect(await state(first.processInstanceKey)).toBe('COMPLETED');
    expect(await engine.getVariables(first.processInstanceKey)).toEqual({ orderId: 'once', amount: 10 });
    expect(await state(second.processInstanceKey)).toBe('ACTIVE');
    expect(await state(other.processInstanceKey)).toBe('COMPLETED');
  });

  it('should trigger only the interrupting event sub-process when one message matches it and a catch of the same instance', async () => {
    // given an instance waiting at a "go" catch, with an interrupting "go" event sub-process
    const { processInstanceKey } = await engine.createInstance('go-race', { orderId: 'one' });
    // when one message matches both
    const result = await engine.publishMessage({ name: 'go', correlationKey: 'one' });
    // then it correlated once, the event sub-process ended the instance and nothing is left open
    expect(result.processInstanceKeys).toEqual([processInstanceKey]);
    expect(activated('goStart', processInstanceKey)).toBe(1);
    expect(activated('viaCatch', processInstanceKey)).toBe(0);
    expect(await state(processInstanceKey)).toBe('COMPLETED');
    expect(await count('message_subscription', processInstanceKey)).toBe(0);
    expect(await count('element_instance', processInstanceKey)).toBe(0);
  });

  it('should keep the instance consistent when two messages for the event sub-process and the catch arrive concurrently', async () => {
    // given ten instances waiting at the catch, with the interrupting event sub-process open
    const keys: string[] = [];
    for (let i = 0; i < 10; i++) keys.push((await engine.createInstance('go-race', { orderId: `c-${i}` })).processInstanceKey);
    // when two messages are published in parallel for each (one buffered for a minute)
    await Promise.all(keys.flatMap((_, i) => [
      engine.publishMessage({ name: 'go', correlationKey: `c-${i}` }),
      engine.publishMessage({ name: 'go', correlationKey: `c-${i}`, timeToLive: 60_000 }),
    ]));
    // then every instance completed through exactly one path, once, with no subscription or element left
    for (const key of keys) {
      expect(await state(key)).toBe('COMPLETED');
      expect(activated('goStart', key) + activated('viaCatch', key)).toBe(1);
      expect(activated('viaEventSubProcess', key) + activated('viaCatch', key)).toBe(1);
      expect(await count('message_subscription', key)).toBe(0);
      expect(await count('element_instance', key)).toBe(0);
    }
  });
});
