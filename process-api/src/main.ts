import { resolve } from 'node:path';
import { readConfig } from './config';
import { startEmbeddedPostgres, type RunningDatabase } from './persistence/embedded-postgres';
import { createDataSource } from './persistence/data-source';
import { createApp } from './http/app';
import { startEventsModule } from './events/events-module';
import { hasNoUsers, seedDemoUsers } from './persistence/seed-demo-users';

/** Composition root: reads config, starts the database, wires adapters, serves API and UI on one port. */
async function main(): Promise<void> {
  const config = readConfig();
  let embedded: RunningDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: resolve(config.dataDir, 'postgres'), port: 0 });
    databaseUrl = embedded.url;
  }
  const dataSource = createDataSource({ url: databaseUrl });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  if (config.demo && (await hasNoUsers(dataSource))) {
    await seedDemoUsers(dataSource, config.demoPassword);
    console.log(`Demo logins (password "${config.demoPassword}"): agent1..agent6, lead1, lead2, designer1, admin`);
  }

  // The embedded engine is wired here at merge; until then events are stored and wait as RECEIVED.
  const events = await startEventsModule({
    dataSource,
    engine: null,
    routesFile: resolve(config.modelsDir, 'event-routes.json'),
    demoEmployers: config.demo ? 2000 : 0,
  });
  const app = createApp({ dataSource, uiDir: resolve(config.uiDir), production: config.production, apiRouters: events.routers });
  const server = app.listen(config.port, () => {
    console.log(`Werkbank is ready at http://localhost:${config.port}`);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Werkbank...');
    await new Promise<void>((r) => server.close(() => r()));
    await events.stop();
    await dataSource.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
