import { Router } from 'express';
import { z } from 'zod';
import type { ListAssigneesUseCase } from '../application/users/list-assignees.use-case';
import type { RequestUser } from './auth/request-user';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

const usersQuerySchema = z.object({ group: z.string().min(1).max(200), team: z.literal('mine').optional() }).strict();

/** Colleagues by name (own groups) and who a team lead can pick as assignee. */
export function userRoutes(assignees: ListAssigneesUseCase): Router {
  const router = Router();
  const supervisors = requireRole('team-lead', 'admin');

  // Any signed-in user; the use case limits agents to their own groups.
  router.get('/users', requireRole(), async (req, res) => {
    const { group, team } = parseRequest(usersQuerySchema, req.query);
    res.json(await assignees.byGroup(req.user as RequestUser, group, team === 'mine'));
  });

  router.get('/teams/:team/members', supervisors, async (req, res) => {
    res.json(await assignees.byTeam(req.params['team'] as string));
  });

  return router;
}
