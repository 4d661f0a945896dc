/* eslint-disable @nx/enforce-module-boundaries -- test code: the contract runs on process-api's adapter, database and workers */
/*
 * The contract over the Camunda 8 REST API (/v2) with Camunda8RestProcessEngine (@camunda8/sdk's CamundaRestClient).
 * The engine is either Werkbank's own /v2 (default: a Werkbank started here on a fresh test database, BASIC auth as
 * admin, clock controllable) or, with WERKBANK_CONTRACT_TARGET=camunda8, a Camunda 8 cluster configured by the SDK's
 * usual environment variables (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY...; its clock must be controllable).
 * In both cases the workbench's deferral and inspection workers run here, on this test database, as beside a cluster.
 */
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Camunda8RestProcessEngine, type Camunda8EngineOptions } from '../../process-api/src/engine/camunda8/camunda8-rest-process-engine';
import { EmbeddedProcessEngine } from '../../process-api/src/engine/embedded/embedded-process-engine';
import type { JobHandler } from '../../process-api/src/engine/process-engine';
import { registerDeferralWorkers } from '../../process-api/src/events/handlers/deferral-workers';
import { registerInspectionWorkers } from '../../process-api/src/events/handlers/inspection-workers';
import { camundaV2Router } from '../../process-api/src/http/camunda-v2/v2-router';
import { registerCaseProjection } from '../../process-api/src/persistence/case-projection';
import { DocumentRepository } from '../../process-api/src/persistence/document.repository';
import { registerElementHistory } from '../../process-api/src/persistence/element-history';
import { seedDemoUsers } from '../../process-api/src/persistence/seed-demo-users';
import { createTestDatabase, type TestDatabase } from '../../process-api/src/test-support/test-database';
import type { EngineUnderTest, EngineUnderTestFactory, WorkbenchUnderTest } from './engine-under-test';

const PASSWORD = 'werkbank';

/** `camunda8` when the suite must drive the cluster of the SDK's environment variables, else Werkbank's own /v2. */
export function contractTarget(): 'werkbank' | 'camunda8' {
  return process.env['WERKBANK_CONTRACT_TARGET'] === 'camunda8' ? 'camunda8' : 'werkbank';
}

export const camundaRestEngineUnderTest: EngineUnderTestFactory = Object.assign(restEngineUnderTest, {
  // POST /messages/publication (TTL > 0) answers only the message key; POST /messages/correlation only the first instance.
  lacks: ['bufferedPublicationReach', 'multiProcessReach'] as const,
});

async function restEngineUnderTest(): Promise<EngineUnderTest> {
  const db = await createTestDatabase();
  const target = contractTarget() === 'camunda8' ? await clusterTarget() : await werkbankTarget(db);
  const engine = new Camunda8RestProcessEngine(target.options);
  // The workbench beside the engine: handlers on this test database, the engine's clock for their dates.
  const handlers: Record<string, JobHandler> = {};
  const collect = { registerWorker: (type: string, handler: JobHandler) => void (handlers[type] = handler), now: () => engine.now() };
  registerDeferralWorkers(collect, db.dataSource);
  registerInspectionWorkers(collect, db.dataSource, () => engine.now());
  return {
    engine,
    workbench: workbenchOn(db, handlers),
    observesRecords: false,
    endEventsReached: () => engine.completedElements('END_EVENT'),
    async close() {
      await engine.stop();
      await engine.resetClock().catch(() => undefined);
      await target.close();
      await db.drop();
    },
  };
}

interface Target {
  options: Camunda8EngineOptions;
  close(): Promise<void>;
}

/**
 * Werkbank's /v2 on the test database: the embedded engine with a controllable clock, its task projection and element
 * history, the demo accounts, and NO job worker of its own (this process's adapter takes every job, as on a cluster).
 */
async function werkbankTarget(db: TestDatabase): Promise<Target> {
  const embedded = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true });
  registerCaseProjection(embedded);
  registerElementHistory(embedded);
  await seedDemoUsers(db.dataSource, PASSWORD);
  // `holder1`, who holds recovery tasks in some scenarios, must be an account: /v2 commands are made as the user.
  await db.dataSource.query(`INSERT INTO app_user (username, display_name, password_hash, roles, language, demo)
    SELECT 'holder1', 'Task Holder', password_hash, '{agent}', 'nl', true FROM app_user WHERE username = 'agent1'`);
  await db.dataSource.query(`INSERT INTO user_group (username, group_name) SELECT 'holder1', group_name FROM user_group WHERE username IN ('agent1', 'lead1') ON CONFLICT DO NOTHING`);
  // Not started: no worker of its own, and the pinned clock fires due timers (PUT /v2/clock) as the tests move it.
  const server = await listen(express().use('/v2', camundaV2Router({ dataSource: db.dataSource, engine: embedded, production: false })));
  const basic = (username: string) => ({ CAMUNDA_AUTH_STRATEGY: 'BASIC' as const, CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: PASSWORD });
  return {
    options: {
      // What a user would put in the environment for a cluster with BASIC authentication.
      config: { ZEEBE_REST_ADDRESS: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, ...basic('admin') },
      // Werkbank's /v2 applies the workbench's task rules to the authenticated user (only the assignee completes).
      actAs: (actor) => basic(actor),
    },
    async close() {
      await embedded.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The /v2 app on a free port; closing drops the SDK's kept-alive connections. */
async function listen(app: Express): Promise<Server> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const close = server.close.bind(server);
  return Object.assign(server, { close: (done?: (e?: Error) => void) => (server.closeAllConnections(), close(done)) });
}

/** A Camunda 8 cluster from the SDK's environment variables; eventually consistent, so runDueWork waits for quiet. */
async function clusterTarget(): Promise<Target> {
  return {
    options: { quietRounds: Number(process.env['WERKBANK_CONTRACT_QUIET_ROUNDS'] ?? 3), settleMs: Number(process.env['WERKBANK_CONTRACT_SETTLE_MS'] ?? 1000) },
    close: async () => undefined,
  };
}

function workbenchOn(db: TestDatabase, handlers: Record<string, JobHandler>): WorkbenchUnderTest {
  const documents = new DocumentRepository(db.dataSource);
  return {
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
  };
}
