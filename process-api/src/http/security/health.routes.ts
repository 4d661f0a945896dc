import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from './database-availability';

/** What readiness needs besides the database; the composition root flips these as it starts and stops. */
export interface ReadinessState {
  engineStarted: boolean;
  /** Set on SIGTERM: the load balancer stops sending new requests while in-flight ones finish. */
  draining: boolean;
}

/**
 * GET /api/health: liveness (the process answers; never touches the database, so an outage does not get the process
 * restarted). GET /api/ready: database reachable, no pending migration, engine started, not draining; 503 otherwise.
 */
export function healthRoutes(dataSource: DataSource, state: ReadinessState): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'UP' });
  });
  router.get('/ready', async (_req, res) => {
    const checks = { database: 'UP', migrations: 'UP', engine: state.engineStarted ? 'UP' : 'DOWN', draining: state.draining };
    try {
      if (await dataSource.showMigrations()) checks.migrations = 'PENDING';
    } catch (error) {
      if (!isDatabaseUnavailable(error) && dataSource.isInitialized) throw error;
      checks.database = 'DOWN';
      checks.migrations = 'UNKNOWN';
    }
    const ready = checks.database === 'UP' && checks.migrations === 'UP' && checks.engine === 'UP' && !state.draining;
    res
      .status(ready ? 200 : 503)
      .setHeader('Cache-Control', 'no-store')
      .json({ status: ready ? 'UP' : 'DOWN', checks });
  });
  return router;
}
