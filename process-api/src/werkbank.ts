import type { Express } from 'express';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { seedDemoCases } from './application/seed-demo-cases.use-case';
import { deployDirectory } from './engine/deploy-directory';
import type { CommandBatchOptions } from './engine/embedded/command-batcher';
import { EmbeddedProcessEngine } from './engine/embedded/embedded-process-engine';
import { startEventsModule, type EventsModule } from './events/events-module';
import type { OidcSettings } from './application/auth/oidc/oidc-settings';
import { AuditLogRepository } from './persistence/audit-log.repository';
import { registerAuditProjection } from './persistence/audit-projection';
import { createApp, type SecurityOptions } from './http/app';
import type { ReadinessState } from './http/security/health.routes';
import type { LoginThrottlePolicy } from './application/auth/login-throttle';
import { registerCaseProjection } from './persistence/case-projection';
import { registerElementHistory } from './persistence/element-history';
import { DocumentRepository } from './persistence/document.repository';
import { bootstrapAdministrator } from './persistence/bootstrap-administrator';
import { hasNoUsers, seedDemoUsers } from './persistence/seed-demo-users';

export interface WerkbankOptions {
  dataSource: DataSource;
  modelsDir: string;
  uiDir: string;
  production: boolean;
  /** The engine clock can be advanced (demo/test mode only). */
  controllableClock: boolean;
  /** Group commit of engine commands (default: up to 64 commands per transaction, 3 transactions at a time). */
  batching?: CommandBatchOptions;
  /** Deploy every model of modelsDir at start (the source of truth). */
  deployModels?: boolean;
  /** Seed demo users and employers on an empty database; `cases` also loads a demo quarter of events. */
  demo?: { password: string; cases: boolean } | null;
  /** The first real administrator (created when the username is free). */
  administrator?: { username: string; password: string } | null;
  /** Code lists folder (NACE-BEL, legal forms); defaults to process-api/data. */
  codeListsDir?: string;
  log?: (line: string) => void;
  security?: Partial<SecurityOptions>;
  loginThrottle?: LoginThrottlePolicy;
  /** OpenID Connect login and bearer tokens (null: local accounts only). */
  oidc?: OidcSettings | null;
}

export interface Werkbank {
  app: Express;
  engine: EmbeddedProcessEngine;
  events: EventsModule;
  /** Engine started / draining, as GET /api/ready reports them. */
  readiness: ReadinessState;
  /** Stops the event router and the engine (the caller closes the HTTP server and the database). */
  stop(): Promise<void>;
}

/** Wires the product: engine, projections, models, demo data, events module and the HTTP app. main.ts and the tests share it. */
export async function createWerkbank(options: WerkbankOptions): Promise<Werkbank> {
  const { dataSource } = options;
  const log = options.log ?? (() => undefined);
  const engine = new EmbeddedProcessEngine(dataSource, { controllableClock: options.controllableClock, batching: options.batching });
  registerCaseProjection(engine);
  registerAuditProjection(engine, new AuditLogRepository(dataSource));
  registerElementHistory(engine);
  if (options.deployModels ?? true) {
    const deployment = await deployDirectory(engine, options.modelsDir);
    if (deployment) log(`Deployed ${deployment.processes.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', ')} and ${deployment.forms.length} forms`);
  }
  const firstStart = await hasNoUsers(dataSource);
  if (options.demo && firstStart) await seedDemoUsers(dataSource, options.demo.password);
  if (options.administrator && (await bootstrapAdministrator(dataSource, options.administrator.username, options.administrator.password))) {
    log(`Created the administrator account ${options.administrator.username}`);
  }
  const events = await startEventsModule({
    dataSource,
    engine,
    routesFile: resolve(options.modelsDir, 'event-routes.json'),
    dataDir: options.codeListsDir,
    demoEmployers: options.demo ? 2000 : 0,
  });
  await engine.start();
  const readiness: ReadinessState = { engineStarted: true, draining: false };
  if (options.demo?.cases && firstStart && events.router) {
    log('First start: loading a demo quarter of back-end events...');
    const demo = await seedDemoCases({ dataSource, engine, employers: events.employers, router: events.router });
    log(`Loaded ${demo.events} demo events; the demo clock moved 16 days on: ${demo.openTasks} open tasks`);
  }
  const app = createApp({
    dataSource,
    engine,
    employerDirectory: events.employers,
    caseDocuments: new DocumentRepository(dataSource),
    production: options.production,
    uiDir: options.uiDir,
    apiRouters: events.routers,
    security: options.security,
    loginThrottle: options.loginThrottle,
    readiness,
    oidc: options.oidc ?? null,
  });
  return {
    app,
    engine,
    events,
    readiness,
    async stop() {
      readiness.draining = true;
      await events.stop();
      // the scheduler stops polling and waits for the job/timer batch it is running; unfinished jobs stay
      // ACTIVATED until their deadline, when another process (or this one after restart) takes them again
      await engine.stop();
      readiness.engineStarted = false;
    },
  };
}
