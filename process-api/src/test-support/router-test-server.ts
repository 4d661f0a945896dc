import express, { type Router } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Role } from '@werkbank/shared';
import { errorHandler, notFoundHandler } from '../http/problem';
import '../http/auth/request-user';

export interface TestServer {
  url: string;
  /** fetch with the roles the tiny test authentication grants (none: unauthenticated). */
  request(path: string, init?: RequestInit & { roles?: Role[] }): Promise<Response>;
  close(): Promise<void>;
}

/** Serves single routers on port 0 (module tests; the full app with real auth is in test-server.ts) behind a stand-in for the real authentication: the `x-test-roles` header becomes req.user. */
export async function startRouterTestServer(...routers: Router[]): Promise<TestServer> {
  const app = express();
  app.use((req, _res, next) => {
    const roles = req.header('x-test-roles');
    if (roles) req.user = { username: 'tester', displayName: 'Tester', roles: roles.split(',') as Role[], groups: [], teams: [] };
    next();
  });
  for (const router of routers) app.use('/api', router);
  app.use('/api', notFoundHandler);
  app.use(errorHandler);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    request: (path, init = {}) => {
      const { roles, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (roles?.length) headers.set('x-test-roles', roles.join(','));
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
