import { Router } from 'express';
import { loginRequestSchema } from '@werkbank/shared';
import type { Login, Logout } from '../../application/audit/audited-auth';
import type { UserDirectory } from '../../application/ports';
import { CSRF_COOKIE, setCsrfCookie } from '../security/csrf';
import { parseRequest } from '../validate-request';
import { SESSION_COOKIE, sessionToken } from './authenticate';
import { requireRole } from './require-role';

export interface AuthRoutesDependencies {
  login: Login;
  logout: Logout;
  users: UserDirectory;
  production: boolean;
}

export function authRoutes(deps: AuthRoutesDependencies): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const { user, token, expiresAt } = await deps.login.execute(parseRequest(loginRequestSchema, req.body), req.ip ?? null);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.production, path: '/', expires: expiresAt });
    setCsrfCookie(res, token, deps.production, expiresAt);
    res.json({ user, token });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) await deps.logout.execute(token);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: deps.production, path: '/' });
    res.clearCookie(CSRF_COOKIE, { sameSite: 'lax', secure: deps.production, path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireRole(), async (req, res) => {
    const user = req.user ? await deps.users.findProfile(req.user.username) : null;
    res.json(user);
  });

  return router;
}
