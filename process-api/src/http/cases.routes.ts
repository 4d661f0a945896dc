import { Router } from 'express';
import type { GetCaseUseCase } from '../application/cases/get-case.use-case';
import type { RequestUser } from './auth/request-user';
import { requireRole } from './auth/require-role';

export function caseRoutes(getCase: GetCaseUseCase): Router {
  const router = Router();
  router.get('/cases/:id', requireRole('agent', 'team-lead', 'admin'), async (req, res) => {
    res.json(await getCase.execute(req.user as RequestUser, req.params['id'] as string));
  });
  return router;
}
