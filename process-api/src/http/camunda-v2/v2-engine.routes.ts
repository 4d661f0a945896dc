import type { DeployResourcesUseCase } from '../../application/deployments/deploy-resources.use-case';
import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { ProcessEngine, Variables } from '../../engine/process-engine';
import { requireRole } from '../auth/require-role';
import { parseRequest } from '../validate-request';
import type { CompletionWatcher } from './completion-watcher';
import { TENANT, toActivatedJob, toDeploymentResponse } from './v2-mapping';

class V2NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

class DeadlineExceededError extends Error {
  readonly code = 'DEADLINE_EXCEEDED';
}

const variables = z.record(z.unknown());
const createInstance = z.object({
  processDefinitionId: z.string().optional(), processDefinitionKey: z.string().optional(), processDefinitionVersion: z.number().int().optional(),
  variables: variables.optional(), awaitCompletion: z.boolean().optional(), fetchVariables: z.array(z.string()).optional(),
  requestTimeout: z.number().optional(), tenantId: z.string().optional(), operationReference: z.number().optional(),
}).refine((b) => b.processDefinitionId || b.processDefinitionKey, 'processDefinitionId or processDefinitionKey is required');
const message = z.object({
  name: z.string().min(1), correlationKey: z.string().default(''), timeToLive: z.number().int().min(0).optional(), messageId: z.string().optional(),
  variables: variables.optional(), tenantId: z.string().optional(),
});
const activation = z.object({
  type: z.string().min(1), worker: z.string().optional(), timeout: z.number().int().positive(), maxJobsToActivate: z.number().int().positive(),
  fetchVariable: z.array(z.string()).optional(), requestTimeout: z.number().optional(), tenantIds: z.array(z.string()).optional(),
});
const failure = z.object({ retries: z.number().int().min(0).optional(), errorMessage: z.string().optional(), retryBackOff: z.number().int().min(0).optional(), variables: variables.optional() });
const jobError = z.object({ errorCode: z.string().min(1), errorMessage: z.string().optional(), variables: variables.optional() });
const jobUpdate = z.object({ changeset: z.object({ retries: z.number().int().min(0).optional(), timeout: z.number().int().positive().optional() }), operationReference: z.number().optional() });
const clock = z.object({ timestamp: z.number().int() });

/** Deployments, instances, messages, jobs, incidents and the clock: commands on the engine (process teams and administrators). */
export function v2EngineRoutes(engine: ProcessEngine, completions: CompletionWatcher, deploy: DeployResourcesUseCase): Router {
  const router = Router();
  // Deploying is a designer's job, as on Werkbank's own API; operating instances too (and an administrator's).
  const designers = requireRole('designer', 'admin');
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024, files: 100 } });

  router.post('/deployments', designers, upload.array('resources'), async (req, res) => {
    const files = (req.files ?? []) as Express.Multer.File[];
    if (files.length === 0) throw Object.assign(new Error('no resources in the multipart field "resources"'), { code: 'BAD_REQUEST' });
    // The SDK sends the file path as its name; the engine knows resources by file name.
    const resources = files.map((f) => ({ name: f.originalname.split(/[\\/]/).pop() ?? f.originalname, content: f.buffer.toString('utf8') }));
    // The same use case as POST /api/deployments: file checks, one transaction, an audit entry.
    res.json(toDeploymentResponse(await deploy.execute(req.user?.username ?? '', resources)));
  });

  router.post('/process-instances', designers, async (req, res) => {
    const body = parseRequest(createInstance, req.body);
    let bpmnProcessId = body.processDefinitionId;
    let version = body.processDefinitionVersion;
    if (body.processDefinitionKey) {
      const definition = (await engine.listProcessDefinitions()).find((d) => d.key === body.processDefinitionKey);
      if (!definition) throw new V2NotFoundError(`process definition ${body.processDefinitionKey} not found`);
      bpmnProcessId = definition.bpmnProcessId;
      version = definition.version;
    }
    const id = bpmnProcessId ?? '';
    const start = () => engine.createInstance(id, body.variables ?? {}, { version: version !== undefined && version > 0 ? version : undefined });
    const created = body.awaitCompletion ? await completions.creation(start) : await start();
    const instance = await engine.getProcessInstance(created.processInstanceKey);
    const answer: Record<string, unknown> = {
      processInstanceKey: created.processInstanceKey, processDefinitionId: id, processDefinitionVersion: created.version,
      processDefinitionKey: instance?.processDefinitionKey ?? '', tenantId: TENANT,
    };
    if (body.awaitCompletion) {
      const result = await completions.wait(created.processInstanceKey, body.requestTimeout && body.requestTimeout > 0 ? body.requestTimeout : 20_000);
      if (!result) throw new DeadlineExceededError(`process instance ${created.processInstanceKey} did not complete within the request timeout`);
      answer['variables'] = body.fetchVariables?.length ? pick(result, body.fetchVariables) : result;
    }
    res.json(answer);
  });

  router.post('/process-instances/:key/cancellation', designers, async (req, res) => {
    await engine.cancelInstance(String(req.params['key']));
    res.status(204).end();
  });

  router.post('/messages/publication', designers, async (req, res) => {
    const body = parseRequest(message, req.body);
    const result = await engine.publishMessage({ name: body.name, correlationKey: body.correlationKey, variables: body.variables, timeToLive: body.timeToLive ?? 0, messageId: body.messageId });
    res.json({ messageKey: result.messageKey, tenantId: TENANT });
  });

  router.post('/messages/correlation', designers, async (req, res) => {
    const body = parseRequest(message, req.body);
    // Correlation is immediate: a message nothing waits for is not buffered (Camunda answers 404 as well).
    const result = await engine.publishMessage({ name: body.name, correlationKey: body.correlationKey, variables: body.variables, timeToLive: 0 });
    if (result.processInstanceKeys.length === 0) throw new V2NotFoundError(`no subscription for message '${body.name}' with correlation key '${body.correlationKey}'`);
    res.json({ messageKey: result.messageKey, tenantId: TENANT, processInstanceKey: result.processInstanceKeys[0] });
  });

  router.post('/jobs/activation', designers, async (req, res) => {
    const body = parseRequest(activation, req.body);
    // No long polling: the answer is immediate (possibly empty); the SDK's worker polls again.
    const jobs = await engine.activateJobs({ type: body.type, maxJobsToActivate: body.maxJobsToActivate, timeoutMs: body.timeout, worker: body.worker ?? 'default', fetchVariable: body.fetchVariable });
    res.json({ jobs: jobs.map(toActivatedJob) });
  });

  router.post('/jobs/:key/completion', designers, async (req, res) => {
    const body = parseRequest(z.object({ variables: variables.nullish(), result: z.unknown().optional() }), req.body ?? {});
    await engine.completeJob(String(req.params['key']), body.variables ?? {});
    res.status(204).end();
  });

  router.post('/jobs/:key/failure', designers, async (req, res) => {
    const body = parseRequest(failure, req.body ?? {});
    if (body.variables && Object.keys(body.variables).length > 0) throw Object.assign(new Error('variables on job failure are not supported'), { code: 'BAD_REQUEST' });
    await engine.failJob(String(req.params['key']), { errorMessage: body.errorMessage, retries: body.retries, retryBackOffMs: body.retryBackOff });
    res.status(204).end();
  });

  router.post('/jobs/:key/error', designers, async (req, res) => {
    const body = parseRequest(jobError, req.body);
    await engine.throwJobError(String(req.params['key']), body);
    res.status(204).end();
  });

  router.patch('/jobs/:key', designers, async (req, res) => {
    const body = parseRequest(jobUpdate, req.body);
    await engine.updateJob(String(req.params['key']), { retries: body.changeset.retries, timeoutMs: body.changeset.timeout });
    res.status(204).end();
  });

  router.post('/incidents/:key/resolution', designers, async (req, res) => {
    await engine.resolveIncident(String(req.params['key']));
    res.status(204).end();
  });

  router.put('/element-instances/:key/variables', designers, async (req, res) => {
    const body = parseRequest(z.object({ variables, local: z.boolean().optional(), operationReference: z.number().optional() }), req.body);
    await engine.setVariables(String(req.params['key']), body.variables, { local: body.local ?? false });
    res.status(204).end();
  });

  // The clock is demo/test only (the engine refuses it otherwise: 403), and an administrator's, as /api/admin/clock.
  router.put('/clock', requireRole('admin'), async (req, res) => {
    const body = parseRequest(clock, req.body);
    await engine.pinClock(new Date(body.timestamp));
    res.status(204).end();
  });

  router.post('/clock/reset', requireRole('admin'), async (_req, res) => {
    await engine.resetClock();
    res.status(204).end();
  });
  return router;
}

function pick(all: Variables, names: string[]): Variables {
  return Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]]));
}
