import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { ProcessEngine } from '../engine/process-engine';
import { employersRoutes } from '../http/employers.routes';
import { loadCodeLists } from '../persistence/code-lists';
import { EmployerRepository } from '../persistence/employer.repository';
import { loadRoutingRules } from '../persistence/routing-rule.repository';
import { seedDemoEmployers } from '../persistence/seed-demo-employers';
import { EventRouter } from './event-router';
import { eventsRoutes } from './events.routes';
import { registerDeferralWorkers } from './handlers/deferral-workers';
import { registerPublishMessageWorker } from './handlers/publish-message-worker';
import { registerRecoveryWorkers } from './handlers/recovery-workers';
import { registerInspectionWorkers } from './handlers/inspection-workers';

export interface EventsModuleOptions {
  dataSource: DataSource;
  /** Without an engine, events are stored and listed but wait (RECEIVED) until one is wired. */
  engine: ProcessEngine | null;
  routesFile?: string;
  dataDir?: string;
  /** How many deterministic demo employers to seed (demo mode only); 0 or absent seeds none. */
  demoEmployers?: number;
}

export interface EventsModule {
  routers: Router[];
  employers: EmployerRepository;
  router: EventRouter | null;
  stop(): Promise<void>;
}

/** Wires employers, code lists, routing rules, the intake routes, the event router and the job workers. */
export async function startEventsModule(options: EventsModuleOptions): Promise<EventsModule> {
  const { dataSource, engine } = options;
  await loadCodeLists(dataSource, options.dataDir);
  if (options.demoEmployers) {
    const seeded = await seedDemoEmployers(dataSource, { count: options.demoEmployers });
    if (seeded.inserted > 0) console.log(`Seeded ${seeded.inserted} demo employers`);
  }
  const routesFile = options.routesFile ?? resolve(process.cwd(), 'bpmn-models/event-routes.json');
  if (existsSync(routesFile)) await loadRoutingRules(dataSource, routesFile);
  else console.warn(`No routing rules at ${routesFile}: events without a rule end UNMATCHED`);

  const employers = new EmployerRepository(dataSource);
  const router = engine ? new EventRouter({ dataSource, engine, employers }) : null;
  if (engine) {
    registerRecoveryWorkers(engine, dataSource);
    registerPublishMessageWorker(engine);
    registerInspectionWorkers(engine, dataSource);
    registerDeferralWorkers(engine, dataSource);
  }
  router?.start();
  return {
    routers: [eventsRoutes({ dataSource, employers, onIngested: () => router?.wake() }), employersRoutes(employers)],
    employers,
    router,
    stop: async () => {
      await router?.stop();
    },
  };
}
