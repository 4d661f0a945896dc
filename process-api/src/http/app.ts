import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import { existsSync } from 'node:fs';
import { AuditLogRepository } from '../persistence/audit-log.repository';
import type { OidcSettings } from '../application/auth/oidc/oidc-settings';
import { oidcModule } from './auth/oidc/oidc-module';
import { camundaV2Router } from './camunda-v2/v2-router';
import { errorHandler, notFoundHandler } from './problem';
import { recordDenials } from './record-denials';
import { csrfProtection } from './security/csrf';
import { jsonBody, requireMediaType } from './security/json-body';
import { healthRoutes, type ReadinessState } from './security/health.routes';
import { requestLog } from './security/request-log';
import { securityHeaders } from './security/security-headers';
import { uiRoutes } from './ui-static';
import { urlLengthLimit } from './security/url-length-limit';
import { authentication, workbenchRoutes, type WorkbenchDependencies } from './workbench-routes';

export interface SecurityOptions {
  /** Strict-Transport-Security (and upgrade-insecure-requests): only when served over HTTPS. */
  hsts: boolean;
  /** Origins besides the API's own host allowed to send cookie-authenticated writes (e.g. a separate UI host). */
  allowedOrigins: string[];
  /** Express `trust proxy`: how many proxies (or which) set X-Forwarded-For, for the per-address login limit. */
  trustProxy: boolean | number | string;
}

export interface AppDependencies extends WorkbenchDependencies {
  uiDir: string;
  /** Feature routers mounted under /api (after authentication). */
  apiRouters?: Router[];
  security?: Partial<SecurityOptions>;
  /** Engine started / draining, for GET /api/ready; absent in tests that wire no engine lifecycle (then ready). */
  readiness?: ReadinessState;
  /** OpenID Connect (null or absent: local accounts only). */
  oidc?: OidcSettings | null;
}

export function createApp(deps: AppDependencies): Express {
  const security: SecurityOptions = { hsts: deps.production, allowedOrigins: [], trustProxy: false, ...deps.security };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', security.trustProxy);
  app.use(requestLog(), ...securityHeaders({ hsts: security.hsts }), urlLengthLimit(4096));
  app.use('/api', healthRoutes(deps.dataSource, deps.readiness ?? { engineStarted: true, draining: false }));
  const oidc = oidcModule(deps.oidc ?? null, deps.dataSource, deps.production);
  app.use(
    '/api',
    jsonBody({ limit: '1mb' }),
    cookieParser(),
    authentication(deps, oidc.withBearerTokens),
    csrfProtection({ secure: deps.production, allowedOrigins: security.allowedOrigins }),
    // after the CSRF check: a cross-site form post is a CSRF refusal (403, audited), not a media-type question
    requireMediaType(['/deployments']),
  );
  app.use('/api', oidc.routes);
  app.use('/api', workbenchRoutes(deps));
  for (const router of deps.apiRouters ?? []) app.use('/api', router);
  app.use('/api', notFoundHandler);
  app.use('/api', recordDenials(new AuditLogRepository(deps.dataSource)));
  // Camunda 8.8 REST API subset for Camunda's SDKs and Modeler (its own auth, body parsing and problem shape).
  app.use('/v2', camundaV2Router({ ...deps, withBearerTokens: oidc.withBearerTokens, localLogin: oidc.localLogin }));
  if (existsSync(deps.uiDir)) {
    app.use(uiRoutes(deps.uiDir));
  }
  app.use(errorHandler);
  return app;
}
