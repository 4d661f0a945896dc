import type { Request, RequestHandler } from 'express';
import type { TokenAuthenticator } from '../../application/auth/oidc/authenticate-bearer.use-case';
import './request-user';

export const SESSION_COOKIE = 'wb_session';

/** The session token of a request: the browser's httpOnly cookie, or `Authorization: Bearer` for API clients. */
export function sessionToken(req: Request): string | null {
  const header = req.get('authorization');
  const bearer = header && /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const cookie: unknown = req.cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie !== '' ? cookie : null;
}

/** Sets `req.user` for a valid session; leaves it unset otherwise (requireRole then answers 401). */
export function authenticate(useCase: TokenAuthenticator): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req);
    if (token) {
      const user = await useCase.execute(token);
      if (user) req.user = { username: user.username, displayName: user.displayName, roles: user.roles, groups: user.groups, teams: user.teams };
    }
    next();
  };
}
