import { Router } from 'express';
import type { GetProcessVersionUseCase } from '../application/processes/get-process-version.use-case';
import type { ListProcessesUseCase } from '../application/processes/list-processes.use-case';
import { requireRole } from './auth/require-role';

/**
 * The deployed processes with their steps named in en/nl/fr, for every signed-in user: the task list filters on
 * them and names tasks and timeline entries by them. Names only, never the model itself (that stays with designers,
 * admins and team leads under /process-definitions).
 */
export function processRoutes(useCases: { list: ListProcessesUseCase; version: GetProcessVersionUseCase }): Router {
  const router = Router();
  router.get('/processes', requireRole(), async (_req, res) => {
    res.json(await useCases.list.execute());
  });
  router.get('/processes/:bpmnProcessId/versions/:version', requireRole(), async (req, res) => {
    res.json(await useCases.version.execute(String(req.params['bpmnProcessId']), Number(req.params['version'])));
  });
  return router;
}
