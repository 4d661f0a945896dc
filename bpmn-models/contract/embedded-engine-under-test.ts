/* eslint-disable @nx/enforce-module-boundaries -- test code: the contract runs on process-api's engine, database and workers */
/*
 * The embedded engine under the contract: a fresh migrated PostgreSQL database per contract, the EmbeddedProcessEngine
 * with a controllable clock, the case projection the application registers, and the real workers that need the
 * workbench's tables. This file is the only place of the contract suite that knows SQL or an engine class.
 */
import { EmbeddedProcessEngine } from '../../process-api/src/engine/embedded/embedded-process-engine';
import type { JobHandler } from '../../process-api/src/engine/process-engine';
import { registerDeferralWorkers } from '../../process-api/src/events/handlers/deferral-workers';
import { registerInspectionWorkers } from '../../process-api/src/events/handlers/inspection-workers';
import { registerCaseProjection } from '../../process-api/src/persistence/case-projection';
import { DocumentRepository } from '../../process-api/src/persistence/document.repository';
import { createTestDatabase } from '../../process-api/src/test-support/test-database';
import type { EngineUnderTest } from './engine-under-test';

export async function embeddedEngineUnderTest(): Promise<EngineUnderTest> {
  const db = await createTestDatabase();
  const engine = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
  // As the application does: the workbench's case and task projection runs in the engine's transactions.
  registerCaseProjection(engine);
  const handlers: Record<string, JobHandler> = {};
  const collect = { registerWorker: (type: string, handler: JobHandler) => void (handlers[type] = handler), now: () => engine.now() };
  registerDeferralWorkers(collect, db.dataSource);
  registerInspectionWorkers(collect, db.dataSource, () => engine.now());
  const documents = new DocumentRepository(db.dataSource);
  return {
    engine,
    workbench: {
      handlers,
      async deferralPlans(enterpriseNumber) {
        const rows: { plan_id: string; status: string }[] = await db.dataSource.query(
          `SELECT plan_id, status FROM deferral_plan WHERE enterprise_number = $1 ORDER BY opened_at, plan_id`, [enterpriseNumber]);
        return rows.map((r) => `${r.plan_id}:${r.status}`);
      },
      async recordFraudSignal(enterpriseNumber, score, at) {
        await db.dataSource.query(
          `INSERT INTO inbound_event (id, type, source, time, data, status) VALUES ($1, 'fraud.signal', 'test', $2, $3, 'ROUTED')`,
          [`fraud-${enterpriseNumber}-${score}`, at, { enterpriseNumber, signalId: `S-${enterpriseNumber}`, score, indicators: ['cross-border'] }]);
      },
      async documents(caseKey) {
        return (await documents.list(caseKey)).map((d) => `${d.kind}: ${d.title}`);
      },
    },
    async close() {
      await engine.stop();
      await db.drop();
    },
  };
}
