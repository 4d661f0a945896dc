import { resolve } from 'node:path';
import { seedDemoCases } from './application/seed-demo-cases.use-case';
import { readConfig } from './config';
import { deployDirectory } from './engine/deploy-directory';
import { EmbeddedProcessEngine } from './engine/embedded/embedded-process-engine';
import { startEventsModule } from './events/events-module';
import { createApp } from './http/app';
import { registerCaseProjection } from './persistence/case-projection';
import { createDataSource } from './persistence/data-source';
import { DocumentRepository } from './persistence/document.repository';
import { startEmbeddedPostgres, type RunningDatabase } from './persistence/embedded-postgres';
import { hasNoUsers, seedDemoUsers } from './persistence/seed-demo-users';

/** Composition root: reads config, starts the database, wires adapters, serves API and UI on one port. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  let embedded: RunningDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: resolve(config.dataDir, 'postgres'), port: 0 });
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL started (data in ${resolve(config.dataDir, 'postgres')})`);
  }
  const dataSource = createDataSource({ url: databaseUrl });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });

  const engine = new EmbeddedProcessEngine(dataSource, { controllableClock: config.demo });
  registerCaseProjection(engine);
  const deployment = await deployDirectory(engine, resolve(config.modelsDir));
  if (deployment) console.log(`Deployed ${deployment.processes.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', ')} and ${deployment.forms.length} forms`);

  const firstStart = await hasNoUsers(dataSource);
  if (config.demo && firstStart) await seedDemoUsers(dataSource, config.demoPassword);
  const events = await startEventsModule({
    dataSource,
    engine,
    routesFile: resolve(config.modelsDir, 'event-routes.json'),
    demoEmployers: config.demo ? 2000 : 0,
  });
  await engine.start();
  if (config.demo && firstStart && config.demoCases && events.router) {
    console.log('First start: loading a demo quarter of back-end events...');
    const demo = await seedDemoCases({ dataSource, engine, employers: events.employers, router: events.router });
    console.log(`Loaded ${demo.events} demo events; the demo clock moved 16 days on: ${demo.openTasks} open tasks`);
  }

  const app = createApp({
    dataSource,
    engine,
    employerDirectory: events.employers,
    caseDocuments: new DocumentRepository(dataSource),
    production: config.production,
    uiDir: resolve(config.uiDir),
    apiRouters: events.routers,
  });
  const server = app.listen(config.port, () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nWerkbank is ready at http://localhost:${config.port} (started in ${seconds} s)`);
    if (config.demo) {
      console.log(`Demo logins, password "${config.demoPassword}":`);
      console.log('  agent1..agent3 (recovery-north), agent4..agent6 (recovery-south): collection agents');
      console.log('  lead1 (north), lead2 (south): team leaders   designer1: process designer   admin: administrator');
      console.log('Demo mode: the engine clock can be advanced (POST /api/admin/clock/advance {"duration":"P16D"}).');
    }
    console.log('Press Ctrl-C to stop.');
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Werkbank...');
    await new Promise<void>((r) => server.close(() => r()));
    await events.stop();
    await engine.stop();
    await dataSource.destroy();
    await embedded?.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
