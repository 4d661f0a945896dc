import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { deployRequestSchema } from '@werkbank/shared';
import type { DeployResourcesUseCase } from '../application/deployments/deploy-resources.use-case';
import type { GetProcessDefinitionXmlUseCase } from '../application/deployments/get-process-definition-xml.use-case';
import type { ListProcessDefinitionsUseCase } from '../application/deployments/list-process-definitions.use-case';
import type { DeployResource } from '../engine/process-engine';
import { requireRole } from './auth/require-role';
import { parseRequest } from './validate-request';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_FILES = 20;

export interface DeploymentRouteUseCases {
  deploy: DeployResourcesUseCase;
  listDefinitions: ListProcessDefinitionsUseCase;
  getDefinitionXml: GetProcessDefinitionXmlUseCase;
}

class UploadError extends Error {
  constructor(
    readonly code: 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_FILES' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** Memory storage: models are small and go straight into one engine transaction; the limits keep a request bounded. */
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 10, parts: MAX_FILES + 10 } }).any();

/** multer's errors carry codes of their own (and busboy's none): translate them into the problem table's codes. */
const multipart: RequestHandler = (req, res, next) => {
  upload(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: unknown }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(new UploadError('PAYLOAD_TOO_LARGE', `a file is larger than ${MAX_FILE_BYTES} bytes`));
    if (code === 'LIMIT_FILE_COUNT') return next(new UploadError('TOO_MANY_FILES', `at most ${MAX_FILES} files per deployment`));
    return next(new UploadError('BAD_REQUEST', `invalid multipart body: ${(error as Error).message}`));
  });
};

function resourcesOf(req: Request): DeployResource[] {
  if (req.is('multipart/form-data')) {
    const files = Array.isArray(req.files) ? req.files : [];
    return files.map((f) => ({ name: f.originalname, content: f.buffer.toString('utf8') }));
  }
  return parseRequest(deployRequestSchema, req.body).resources;
}

/**
 * Deployment API. Deploying is for designers and administrators; the definitions list and XML are also open to team
 * leads, who need to see which version a case runs on (agents work on tasks and never need the models).
 */
export function deploymentRoutes(useCases: DeploymentRouteUseCases): Router {
  const router = Router();
  const deployers = requireRole('designer', 'admin');
  const readers = requireRole('designer', 'admin', 'team-lead');

  // JSON or multipart only: the app's media-type check (requireMediaType) refused anything else before the route
  router.post('/deployments', deployers, (req, res, next) => (req.is('multipart/form-data') ? multipart(req, res, next) : next()), async (req, res) => {
    // requireRole guarantees a signed-in user here
    const deployment = await useCases.deploy.execute(req.user?.username ?? '', resourcesOf(req));
    res.status(201).json(deployment);
  });

  router.get('/process-definitions', readers, async (_req, res) => {
    res.json(await useCases.listDefinitions.execute());
  });

  router.get('/process-definitions/:key/xml', readers, async (req, res) => {
    const xml = await useCases.getDefinitionXml.execute(String(req.params['key']));
    res.type('application/xml').send(xml);
  });
  return router;
}
