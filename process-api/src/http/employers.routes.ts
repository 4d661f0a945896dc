import { Router } from 'express';
import type { EmployerDirectory } from '../application/employer-directory.port';
import { parseEnterpriseNumber } from '../domain/employer/enterprise-number';
import { requireRole } from './auth/require-role';

class EmployerNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

/** `GET /employers/:enterpriseNumber`: the employer summary for any authenticated user. */
export function employersRoutes(employers: EmployerDirectory): Router {
  const router = Router();
  router.get('/employers/:enterpriseNumber', requireRole(), async (req, res) => {
    const number = parseEnterpriseNumber(String(req.params['enterpriseNumber']));
    const summary = await employers.summary(number);
    if (!summary) throw new EmployerNotFoundError(`No employer ${number}`);
    res.json(summary);
  });
  return router;
}
