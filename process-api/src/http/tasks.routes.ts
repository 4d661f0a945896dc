import { Router } from 'express';
import { assignTaskRequestSchema, claimTaskRequestSchema, completeTaskRequestSchema, taskListQuerySchema, unclaimTaskRequestSchema } from '@werkbank/shared';
import type { AssignTaskUseCase } from '../application/tasks/assign-task.use-case';
import type { ClaimTaskUseCase } from '../application/tasks/claim-task.use-case';
import type { CompleteTaskUseCase } from '../application/tasks/complete-task.use-case';
import type { GetTaskUseCase } from '../application/tasks/get-task.use-case';
import type { ListTasksUseCase } from '../application/tasks/list-tasks.use-case';
import type { UnclaimTaskUseCase } from '../application/tasks/unclaim-task.use-case';
import { requireRole } from './auth/require-role';
import type { RequestUser } from './auth/request-user';
import { parseRequest } from './validate-request';

export interface TaskRoutesDependencies {
  listTasks: ListTasksUseCase;
  getTask: GetTaskUseCase;
  claimTask: ClaimTaskUseCase;
  unclaimTask: UnclaimTaskUseCase;
  assignTask: AssignTaskUseCase;
  completeTask: CompleteTaskUseCase;
}

export function taskRoutes(deps: TaskRoutesDependencies): Router {
  const router = Router();
  const workers = requireRole('agent', 'team-lead', 'admin');
  // requireRole guarantees the user; this keeps the handlers free of non-null assertions.
  const user = (u: RequestUser | undefined): RequestUser => u as RequestUser;

  router.get('/tasks', workers, async (req, res) => {
    res.json(await deps.listTasks.execute(user(req.user), parseRequest(taskListQuerySchema, req.query)));
  });

  router.get('/tasks/:id', workers, async (req, res) => {
    res.json(await deps.getTask.execute(user(req.user), req.params['id'] as string));
  });

  router.post('/tasks/:id/claim', workers, async (req, res) => {
    const { version } = parseRequest(claimTaskRequestSchema, req.body);
    res.json(await deps.claimTask.execute(user(req.user), req.params['id'] as string, version));
  });

  router.post('/tasks/:id/unclaim', workers, async (req, res) => {
    const { version } = parseRequest(unclaimTaskRequestSchema, req.body);
    res.json(await deps.unclaimTask.execute(user(req.user), req.params['id'] as string, version));
  });

  router.post('/tasks/:id/assign', workers, async (req, res) => {
    const { version, assignee } = parseRequest(assignTaskRequestSchema, req.body);
    res.json(await deps.assignTask.execute(user(req.user), req.params['id'] as string, assignee, version));
  });

  router.post('/tasks/:id/complete', workers, async (req, res) => {
    const { version, variables } = parseRequest(completeTaskRequestSchema, req.body);
    await deps.completeTask.execute(user(req.user), req.params['id'] as string, variables, version);
    res.status(204).end();
  });

  return router;
}
