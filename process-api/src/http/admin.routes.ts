import { Router } from 'express';
import { advanceClockRequestSchema } from '@werkbank/shared';
import type { ProcessEngine } from '../engine/process-engine';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

/** Demo/test administration: the controllable clock. The engine refuses it in production (CLOCK_NOT_CONTROLLABLE). */
export function adminRoutes(engine: ProcessEngine): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.get('/admin/clock', admin, (_req, res) => {
    res.json({ now: engine.now().toISOString() });
  });

  router.post('/admin/clock/advance', admin, async (req, res) => {
    const { duration } = parseRequest(advanceClockRequestSchema, req.body);
    res.json(await engine.advanceClock(duration));
  });
  return router;
}
