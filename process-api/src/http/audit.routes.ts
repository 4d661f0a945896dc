import { Router } from 'express';
import { auditQuerySchema } from '@werkbank/shared';
import type { ReadAuditUseCase } from '../application/audit/read-audit.use-case';
import type { RequestUser } from './auth/request-user';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

/** `GET /audit?caseId=|actor=` (team lead, admin) and `GET /audit/verify` (admin). */
export function auditRoutes(audit: ReadAuditUseCase): Router {
  const router = Router();
  router.get('/audit/verify', requireRole('admin'), async (req, res) => {
    res.json(await audit.verify(req.user as RequestUser));
  });
  router.get('/audit', requireRole('team-lead', 'admin'), async (req, res) => {
    const { caseId, actor, after, size } = parseRequest(auditQuerySchema, req.query);
    const user = req.user as RequestUser;
    res.json(caseId !== undefined ? await audit.byCase(user, caseId, { after, size }) : await audit.byActor(user, actor as string, { after, size }));
  });
  return router;
}
