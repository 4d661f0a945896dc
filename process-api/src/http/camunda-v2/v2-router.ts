import { sharedUseCases } from '../shared-use-cases';
import { type LoginThrottlePolicy } from '../../application/auth/login-throttle';
import express, { Router, type ErrorRequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { AuthenticateUseCase } from '../../application/auth/authenticate.use-case';
import type { TokenAuthenticator } from '../../application/auth/oidc/authenticate-bearer.use-case';
import { VerifyBasicCredentialsUseCase } from '../../application/auth/verify-basic-credentials.use-case';
import type { ProcessEngine } from '../../engine/process-engine';
import { SessionRepository } from '../../persistence/session.repository';
import { UserRepository } from '../../persistence/user.repository';
import { classifyError } from '../problem';
import { CompletionWatcher } from './completion-watcher';
import { v2Authentication } from './v2-auth';
import { v2EngineRoutes } from './v2-engine.routes';
import { v2QueryRoutes } from './v2-query.routes';
import { v2UserTaskRoutes } from './v2-user-tasks.routes';
import { camundaProblem } from './v2-mapping';

export interface CamundaV2Dependencies {
  dataSource: DataSource;
  engine: ProcessEngine;
  production: boolean;
  /** OpenID Connect: JWT bearer access tokens, and whether local passwords (Basic) are accepted. */
  withBearerTokens?: (sessions: TokenAuthenticator) => TokenAuthenticator;
  localLogin?: boolean;
  /** The login route's lock-out policy: Basic credentials count against the same accounts and addresses. */
  loginThrottle?: LoginThrottlePolicy;
}

/**
 * The Camunda 8.8 REST API subset under /v2, an adapter over the ProcessEngine port: Camunda's SDKs, scripts and
 * Modeler talk to the embedded engine as to a cluster. Same accounts and roles as /api; user tasks go through the
 * workbench's own use cases (claim rules, four-eyes, form validation).
 */
export function camundaV2Router(deps: CamundaV2Dependencies): Router {
  const users = new UserRepository(deps.dataSource);
  const shared = sharedUseCases(deps);
  const router = Router();
  router.use(
    express.json({ limit: '4mb' }),
    v2Authentication(
      deps.localLogin === false
        ? null
        : new VerifyBasicCredentialsUseCase(users, {
            production: deps.production,
            throttle: shared.loginThrottle,
          }),
      (deps.withBearerTokens ?? ((s) => s))(new AuthenticateUseCase(new SessionRepository(deps.dataSource), { production: deps.production })),
    ),
  );
  router.use((req, res, next) => {
    if (req.user) return next();
    res.set('www-authenticate', 'Basic realm="werkbank"');
    return res.status(401).type('application/problem+json').json(camundaProblem(401, 'UNAUTHENTICATED', 'Basic credentials of a Werkbank account or a bearer token are required', req.originalUrl));
  });
  router.get('/topology', (_req, res) => {
    // One embedded "broker": enough for clients that check the cluster before they start.
    res.json({
      brokers: [{ nodeId: 0, host: 'werkbank', port: 0, version: '8.8.0', partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }] }],
      clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.8.0', lastCompletedChangeId: '-1',
    });
  });
  router.use(v2EngineRoutes(deps.engine, new CompletionWatcher(deps.engine), shared.deploy));
  router.use(v2QueryRoutes(deps.engine, deps.dataSource));
  router.use(
    v2UserTaskRoutes(deps.engine, {
      claim: shared.claimTask,
      unclaim: shared.unclaimTask,
      assign: shared.assignTask,
      complete: shared.completeTask,
    }),
  );
  router.use((req, res) => {
    res.status(404).type('application/problem+json').json(camundaProblem(404, 'NOT_FOUND', `No route for ${req.method} ${req.path} in Werkbank's Camunda 8 API subset`, req.originalUrl));
  });
  router.use(v2ErrorHandler);
  return router;
}

// Express recognises an error handler by its four parameters.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const v2ErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const { code, status } = classifyError(error);
  if (status >= 500) console.error(error);
  const detail = status >= 500 ? 'Internal error' : String(error?.message ?? code);
  const body: Record<string, unknown> = camundaProblem(status, code, detail, req.originalUrl);
  // a lock-out (429) tells the client when to try again, as on Werkbank's own API
  if (typeof error?.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (status < 500 && Array.isArray(error?.errors)) body['errors'] = error.errors;
  else if (status < 500 && Array.isArray(error?.problems) && error.problems.length > 0) body['errors'] = error.problems;
  res.status(status).type('application/problem+json').json(body);
};
