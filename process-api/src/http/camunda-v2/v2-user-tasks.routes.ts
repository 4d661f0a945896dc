import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AssignTaskUseCase } from '../../application/tasks/assign-task.use-case';
import type { ClaimTaskUseCase } from '../../application/tasks/claim-task.use-case';
import type { CompleteTaskUseCase } from '../../application/tasks/complete-task.use-case';
import type { UnclaimTaskUseCase } from '../../application/tasks/unclaim-task.use-case';
import { assertCanSee, canSee, isSupervisor, TaskAccessDeniedError } from '../../domain/tasks/task-access';
import type { ProcessEngine, UserTask } from '../../engine/process-engine';
import { requireRole } from '../auth/require-role';
import type { RequestUser } from '../auth/request-user';
import { parseRequest } from '../validate-request';
import { exact, searchResult, TENANT, toUserTask, type SearchRequest } from './v2-mapping';

export interface V2TaskUseCases {
  claim: ClaimTaskUseCase;
  unclaim: UnclaimTaskUseCase;
  assign: AssignTaskUseCase;
  complete: CompleteTaskUseCase;
}

const USER_TASK_FIELDS = ['userTaskKey', 'state', 'assignee', 'elementId', 'elementInstanceKey', 'candidateGroups', 'candidateUsers', 'processDefinitionId',
  'processDefinitionKey', 'processInstanceKey', 'priority', 'tenantId'] as const;
const changeset = z.object({
  dueDate: z.string().datetime({ offset: true }).nullable().optional(), followUpDate: z.string().datetime({ offset: true }).nullable().optional(),
  candidateGroups: z.array(z.string()).optional(), candidateUsers: z.array(z.string()).optional(), priority: z.number().int().min(0).max(100).optional(),
});

/**
 * User tasks over /v2 are the workbench's tasks and obey the workbench's rules: assignment, unassignment and completion
 * go through the same use cases as /api/tasks (candidate groups, team leads, four-eyes, form validation).
 */
export function v2UserTaskRoutes(engine: ProcessEngine, useCases: V2TaskUseCases): Router {
  const router = Router();
  const workers = requireRole('agent', 'team-lead', 'admin');
  const user = (req: Request) => req.user as RequestUser;

  const details = async (task: UserTask) => {
    const pi = await engine.getProcessInstance(task.processInstanceKey);
    const elements = await engine.searchElementInstances({ processInstanceKey: task.processInstanceKey, elementId: task.elementId });
    return toUserTask(task, {
      // The element instance is gone once the task is done; the key is then unknown to us.
      elementInstanceKey: elements[0]?.key ?? '', processDefinitionVersion: pi?.version ?? 0,
    });
  };
  const visibleTask = async (req: Request) => {
    const task = await engine.getUserTask(String(req.params['key']));
    if (!task) throw Object.assign(new Error(`user task ${req.params['key']} not found`), { code: 'TASK_NOT_FOUND' });
    assertCanSee(user(req), task);
    return task;
  };

  router.post('/user-tasks/search', workers, async (req, res) => {
    const request: SearchRequest = req.body && typeof req.body === 'object' ? req.body : {};
    const { candidateGroup, candidateUser, ...rest } = request.filter ?? {};
    const state = exact(rest['state']);
    const found = await engine.searchUserTasks({
      processInstanceKey: exact(rest['processInstanceKey']), elementId: exact(rest['elementId']),
      state: state === 'CREATED' || state === 'COMPLETED' || state === 'CANCELED' ? state : undefined,
    });
    const visible = found.filter((t) => canSee(user(req), t));
    const items = await Promise.all(visible.map(details));
    const filter = { ...rest, ...(candidateGroup !== undefined ? { candidateGroups: candidateGroup } : {}), ...(candidateUser !== undefined ? { candidateUsers: candidateUser } : {}) };
    const sort = (request.sort ?? []).map((s) => ({ ...s, field: s.field === 'creationDate' ? 'userTaskKey' : s.field }));
    res.json(searchResult(items, { ...request, filter, sort }, USER_TASK_FIELDS));
  });

  router.get('/user-tasks/:key', workers, async (req, res) => {
    res.json(await details(await visibleTask(req)));
  });

  // Camunda 8.8: the linked form as JSON text (schema), 204 when the task has none.
  router.get('/user-tasks/:key/form', workers, async (req, res) => {
    const task = await visibleTask(req);
    const form = await engine.getFormForUserTask(task.key);
    if (!form) return void res.status(204).end();
    res.json({ formKey: task.formKey ?? form.formId, tenantId: TENANT, bpmnId: form.formId, schema: JSON.stringify(form.schema), version: form.version });
  });

  router.post('/user-tasks/:key/assignment', workers, async (req, res) => {
    const body = parseRequest(z.object({ assignee: z.string().min(1), allowOverride: z.boolean().optional(), action: z.string().optional() }), req.body);
    const task = await visibleTask(req);
    const actor = user(req);
    // Taking it yourself is a claim (candidate groups, never over someone else); giving it to someone is a team lead's assignment.
    if (body.assignee === actor.username && !(isSupervisor(actor) && task.assignee !== null)) await useCases.claim.execute(actor, task.key, task.version);
    else await useCases.assign.execute(actor, task.key, body.assignee, task.version);
    res.status(204).end();
  });

  router.delete('/user-tasks/:key/assignee', workers, async (req, res) => {
    const task = await visibleTask(req);
    await useCases.unclaim.execute(user(req), task.key, task.version);
    res.status(204).end();
  });

  router.post('/user-tasks/:key/completion', workers, async (req, res) => {
    const body = parseRequest(z.object({ variables: z.record(z.unknown()).nullish(), action: z.string().optional() }), req.body ?? {});
    const task = await visibleTask(req);
    await useCases.complete.execute(user(req), task.key, body.variables ?? {}, task.version);
    res.status(204).end();
  });

  const update = async (req: Request, changes: z.infer<typeof changeset>) => {
    const task = await visibleTask(req);
    // Changing dates, candidates or priority redistributes work: team leads and administrators, as assignment.
    if (!isSupervisor(user(req))) throw new TaskAccessDeniedError('Only a team lead or an administrator can update tasks');
    await engine.updateUserTask(task.key, changes, { actor: user(req).username });
  };
  // Camunda 8.8: PATCH /user-tasks/{key} {changeset, action}.
  router.patch('/user-tasks/:key', workers, async (req, res) => {
    const body = parseRequest(z.object({ changeset: changeset.default({}), action: z.string().optional() }), req.body ?? {});
    await update(req, body.changeset);
    res.status(204).end();
  });
  // @camunda8/sdk 8.8's CamundaRestClient.updateUserTask still sends the changeset itself to .../update.
  router.patch('/user-tasks/:key/update', workers, async (req, res) => {
    await update(req, parseRequest(changeset, req.body ?? {}));
    res.status(204).end();
  });
  return router;
}
