import { resolve } from 'node:path';
import { readConfig } from './config';
import { createDataSource } from './persistence/data-source';
import {
  startEmbeddedPostgres,
  type RunningDatabase,
} from './persistence/embedded-postgres';
import { closeServerGracefully } from './http/security/graceful-shutdown';
import { jsonLog } from './http/security/json-log';
import { createWerkbank } from './werkbank';

/** Composition root: reads config, starts the database, wires the product, serves API and UI on one port. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  let embedded: RunningDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: resolve(config.dataDir, 'postgres'),
      port: 0,
    });
    databaseUrl = embedded.url;
    console.log(
      `Embedded PostgreSQL started (data in ${resolve(config.dataDir, 'postgres')})`,
    );
  }
  const dataSource = createDataSource({ url: databaseUrl });
  const werkbank = await (async () => {
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      return await startProduct();
    } catch (error) {
      // never leave the embedded database running behind a failed start
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      throw error;
    }
  })();

  function startProduct() {
    return createWerkbank({
      dataSource,
      modelsDir: resolve(config.modelsDir),
      uiDir: resolve(config.uiDir),
      production: config.production,
      controllableClock: config.demo,
      demo: config.demo
        ? { password: config.demoPassword, cases: config.demoCases }
        : null,
      administrator: config.administrator,
      oidc: config.oidc,
      log: (line) => console.log(line),
      security: config.security,
      loginThrottle: config.loginThrottle,
    });
  }
  const server = werkbank.app.listen(config.port, (error?: Error) => {
    if (error) {
      console.error(
        `Cannot serve on port ${config.port}: ${error.message}. Set PORT to a free port.`,
      );
      void shutdown(1);
      return;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nWerkbank is ready at http://localhost:${config.port} (started in ${seconds} s)`,
    );
    if (config.demo) {
      console.log(`Demo logins, password "${config.demoPassword}":`);
      console.log(
        '  agent1..agent3 (recovery-north), agent4..agent6 (recovery-south): collection agents',
      );
      console.log(
        '  lead1 (north), lead2 (south): team leaders   designer1: process designer   admin: administrator',
      );
      console.log('  inspector1, inspector2: inspectors   ilead1: inspection team leader');
      console.log(
        'Demo mode: the engine clock can be advanced (POST /api/admin/clock/advance {"duration":"P16D"}).',
      );
    }
    if (config.oidc) console.log(`OpenID Connect login through ${config.oidc.issuer}${config.oidc.localLogin ? '' : ' (password login disabled)'}`);
    console.log('Press Ctrl-C to stop.');
  });

  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Werkbank...');
    // 1. readiness turns 503 so a load balancer stops routing here; 2. no new connections, in-flight requests
    // finish (cut after the timeout); 3. the engine finishes its current job/timer batch (jobs not done stay
    // activated and are taken again after their deadline); 4. the pool and the embedded database close.
    werkbank.readiness.draining = true;
    const { forced } = await closeServerGracefully(server, config.shutdownTimeoutMs);
    if (forced) jsonLog('warn', 'shutdown cut requests still running after the timeout', { timeoutMs: config.shutdownTimeoutMs });
    await werkbank.stop();
    await dataSource.destroy();
    await embedded?.stop();
    console.log('Stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch((error) => {
  console.error(
    error instanceof Error
      ? `Werkbank could not start: ${error.message}`
      : `Werkbank could not start: ${String(error)}`,
  );
  process.exit(1);
});
