import { Router } from 'express';
import { advanceClockRequestSchema } from '@werkbank/shared';
import type { ProcessEngine } from '../engine/process-engine';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

/** The engine's clock; demo/test administration moves it. The engine refuses it in production (CLOCK_NOT_CONTROLLABLE). */
export function adminRoutes(engine: ProcessEngine): Router {
  const router = Router();
  const admin = requireRole('admin');

  // Every signed-in user reads the engine's time: due dates and "overdue" are judged by it (it runs ahead in demo mode).
  router.get('/clock', requireRole(), (_req, res) => {
    res.json({ now: engine.now().toISOString() });
  });

  router.post('/admin/clock/advance', admin, async (req, res) => {
    const { duration } = parseRequest(advanceClockRequestSchema, req.body);
    res.json(await engine.advanceClock(duration));
  });
  return router;
}
