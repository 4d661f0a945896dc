import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { deployDirectory } from '../engine/deploy-directory';
import { EmbeddedProcessEngine } from '../engine/embedded/embedded-process-engine';
import { startEventsModule, type EventsModule } from '../events/events-module';
import { registerCaseProjection } from '../persistence/case-projection';
import { DocumentRepository } from '../persistence/document.repository';
import { startTestServer, type TestServer } from './test-server';

export const MODELS_DIR = resolve(__dirname, '../../../bpmn-models');
const DATA_DIR = resolve(__dirname, '../../data');

export interface RecoveryApp {
  server: TestServer;
  engine: EmbeddedProcessEngine;
  events: EventsModule;
  /** Stops server, event router and engine (the database stays, as after a server stop). */
  stop(): Promise<void>;
}

/**
 * The product as main.ts wires it, on a test database: real engine with the models of bpmn-models/, the case
 * projection, the events module with the real routing rules and recovery workers, the full HTTP app with real auth.
 * Users and employers are the caller's business (seedDemoUsers, seedDemoEmployers).
 */
export async function startRecoveryApp(dataSource: DataSource, options: { deploy?: boolean } = {}): Promise<RecoveryApp> {
  const engine = new EmbeddedProcessEngine(dataSource, { controllableClock: true });
  registerCaseProjection(engine);
  if (options.deploy ?? true) await deployDirectory(engine, MODELS_DIR);
  const events = await startEventsModule({ dataSource, engine, routesFile: resolve(MODELS_DIR, 'event-routes.json'), dataDir: DATA_DIR });
  await engine.start();
  const server = await startTestServer({
    dataSource,
    engine,
    employerDirectory: events.employers,
    caseDocuments: new DocumentRepository(dataSource),
    production: false,
    apiRouters: events.routers,
  });
  return {
    server,
    engine,
    events,
    async stop() {
      await server.close();
      await events.stop();
      await engine.stop();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), for work the app does in the background. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
