import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';

describe('EmbeddedProcessEngine timer catch, correlation keys and message start versions', () => {
  let db: TestDatabase;
  let engine: EmbeddedProcessEngine;
  const instanceState = async (pi: string) => (await db.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [pi]))[0].state;

  beforeAll(async () => {
    db = await createTestDatabase();
    engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
    await engine.deploy([fixture('timer-catch.bpmn'), fixture('messages.bpmn'), fixture('message-start.bpmn')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should wait at a FEEL-computed timer catch event until the clock reaches it', async () => {
    // given an instance waiting 2 days
    const { processInstanceKey } = await engine.createInstance('timer-catch', { waitFor: 'P2D' });
    // when one day passes, nothing happens; after the second it continues
    expect((await engine.advanceClock('P1D')).timersFired).toBe(0);
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
    expect((await engine.advanceClock('P1D')).timersFired).toBe(1);
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('should keep the correlation key evaluated when the subscription opened', async () => {
    // given an instance subscribed with orderId "A" whose orderId then changes to "B"
    const { processInstanceKey } = await engine.createInstance('messages', { orderId: 'A' });
    await engine.setVariables(processInstanceKey, { orderId: 'B' });
    // when publishing for B, then for A
    const forB = await engine.publishMessage({ name: 'paid', correlationKey: 'B' });
    const forA = await engine.publishMessage({ name: 'paid', correlationKey: 'A' });
    // then only A correlates
    expect(forB.processInstanceKeys).toEqual([]);
    expect(forA.processInstanceKeys).toEqual([processInstanceKey]);
  });

  it('should raise EXTRACT_VALUE_ERROR for a boolean correlation key and subscribe after fix and resolve', async () => {
    // given a correlation key that is neither string nor number
    const { processInstanceKey } = await engine.createInstance('messages', { orderId: true });
    const [incident] = await engine.listIncidents({ processInstanceKey, state: 'ACTIVE' });
    expect(incident).toEqual(expect.objectContaining({ elementId: 'waitPaid', errorType: 'EXTRACT_VALUE_ERROR' }));
    // when fixed and resolved
    await engine.setVariables(processInstanceKey, { orderId: 'fixed' });
    await engine.resolveIncident(incident?.key ?? '');
    // then the catch is subscribed with the new key
    expect((await engine.publishMessage({ name: 'paid', correlationKey: 'fixed' })).processInstanceKeys).toEqual([processInstanceKey]);
  });

  it('should move the message start subscription to a new version', async () => {
    // given version 2 of the message start process
    const v2 = await engine.deploy([{ name: 'message-start.bpmn', content: fixture('message-start.bpmn').content.replace('<bpmn:endEvent id="end">', '<bpmn:endEvent id="end" name="v2">') }]);
    expect(v2.processes[0]?.version).toBe(2);
    // when the start message arrives
    const { processInstanceKeys } = await engine.publishMessage({ name: 'claim-received', correlationKey: 'v' });
    // then exactly one instance starts, on version 2
    expect(processInstanceKeys).toHaveLength(1);
    const [row] = await db.dataSource.query(`SELECT version FROM process_instance WHERE key = $1`, [processInstanceKeys[0]]);
    expect(row.version).toBe(2);
  });
});
