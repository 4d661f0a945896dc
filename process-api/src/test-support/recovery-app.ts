import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { EmbeddedProcessEngine } from '../engine/embedded/embedded-process-engine';
import type { EventsModule } from '../events/events-module';
import { createWerkbank } from '../werkbank';
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
 * The product exactly as main.ts wires it (createWerkbank), on a test database and a port-0 server, with the
 * controllable clock. Users and employers are the caller's business (seedDemoUsers, seedDemoEmployers).
 */
export async function startRecoveryApp(dataSource: DataSource, options: { deploy?: boolean } = {}): Promise<RecoveryApp> {
  const werkbank = await createWerkbank({
    dataSource,
    modelsDir: MODELS_DIR,
    uiDir: '/nonexistent',
    production: false,
    controllableClock: true,
    deployModels: options.deploy ?? true,
    codeListsDir: DATA_DIR,
  });
  const server = await startTestServer(werkbank.app);
  return {
    server,
    engine: werkbank.engine,
    events: werkbank.events,
    async stop() {
      await server.close();
      await werkbank.stop();
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
