import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLogRepository } from '../persistence/audit-log.repository';
import type { OidcSettings } from '../application/auth/oidc/oidc-settings';
import { oidcModule } from './auth/oidc/oidc-module';
import { camundaV2Router } from './camunda-v2/v2-router';
import { errorHandler, notFoundHandler } from './problem';
import { recordDenials } from './record-denials';
import { authentication, workbenchRoutes, type WorkbenchDependencies } from './workbench-routes';

export interface AppDependencies extends WorkbenchDependencies {
  uiDir: string;
  /** Feature routers mounted under /api (after authentication). */
  apiRouters?: Router[];
  /** OpenID Connect (null or absent: local accounts only). */
  oidc?: OidcSettings | null;
}

export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/health', async (_req, res) => {
    await deps.dataSource.query('SELECT 1');
    res.json({ status: 'UP' });
  });
  const oidc = oidcModule(deps.oidc ?? null, deps.dataSource, deps.production);
  app.use('/api', express.json({ limit: '1mb' }), cookieParser(), authentication(deps, oidc.withBearerTokens));
  app.use('/api', oidc.routes);
  app.use('/api', workbenchRoutes(deps));
  for (const router of deps.apiRouters ?? []) app.use('/api', router);
  app.use('/api', notFoundHandler);
  app.use('/api', recordDenials(new AuditLogRepository(deps.dataSource)));
  // Camunda 8.8 REST API subset for Camunda's SDKs and Modeler (its own auth, body parsing and problem shape).
  app.use('/v2', camundaV2Router({ ...deps, withBearerTokens: oidc.withBearerTokens, localLogin: oidc.localLogin }));
  if (existsSync(deps.uiDir)) {
    app.use(express.static(deps.uiDir, { index: false }));
    app.get('/{*splat}', (_req, res) => res.sendFile(join(deps.uiDir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
