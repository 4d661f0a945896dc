import type { RequestHandler } from 'express';
import type { TokenAuthenticator } from '../../application/auth/oidc/authenticate-bearer.use-case';
import type { VerifyBasicCredentialsUseCase } from '../../application/auth/verify-basic-credentials.use-case';
import { sessionToken } from '../auth/authenticate';
import '../auth/request-user';

/** `Authorization: Basic` with a Werkbank account, or the bearer token the Werkbank API accepts; sets `req.user`. */
export function v2Authentication(basic: VerifyBasicCredentialsUseCase | null, bearer: TokenAuthenticator): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.get('authorization') ?? '';
      const match = /^Basic\s+(\S+)$/i.exec(header);
      let user = null;
      if (match) {
        const decoded = Buffer.from(match[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        // No Basic with local passwords when the installation signs in through OpenID Connect only.
        if (colon > 0 && basic) user = await basic.execute(decoded.slice(0, colon), decoded.slice(colon + 1), req.ip ?? null);
      } else {
        const token = sessionToken(req);
        if (token) user = await bearer.execute(token);
      }
      if (user) req.user = { username: user.username, displayName: user.displayName, roles: user.roles, groups: user.groups, teams: user.teams };
      next();
    } catch (e) {
      next(e);
    }
  };
}
