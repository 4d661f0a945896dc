import { Router } from 'express';
import { z } from 'zod';
import type { ListAssigneesUseCase } from '../application/users/list-assignees.use-case';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

const usersQuerySchema = z.object({ group: z.string().min(1).max(200) }).strict();

/** Who a team lead can pick as assignee. */
export function userRoutes(assignees: ListAssigneesUseCase): Router {
  const router = Router();
  const supervisors = requireRole('team-lead', 'admin');

  router.get('/users', supervisors, async (req, res) => {
    const { group } = parseRequest(usersQuerySchema, req.query);
    res.json(await assignees.byGroup(group));
  });

  router.get('/teams/:team/members', supervisors, async (req, res) => {
    res.json(await assignees.byTeam(req.params['team'] as string));
  });

  return router;
}
