import { Router, type CookieOptions } from 'express';
import type { FinishOidcLoginUseCase } from '../../application/auth/oidc/finish-oidc-login.use-case';
import { LocalLoginDisabledError, OidcRefusedError } from '../../application/auth/oidc/oidc-errors';
import type { OidcSettings } from '../../application/auth/oidc/oidc-settings';
import type { StartOidcLoginUseCase } from '../../application/auth/oidc/start-oidc-login.use-case';
import { SESSION_COOKIE } from './authenticate';

/** Binds a pending login to the browser that started it (login CSRF): the callback's state must equal it. */
export const OIDC_STATE_COOKIE = 'wb_oidc_state';

export interface OidcRoutesDependencies {
  settings: OidcSettings | null;
  start: StartOidcLoginUseCase | null;
  finish: FinishOidcLoginUseCase | null;
  production: boolean;
}

/**
 * GET /auth/config (what the login page offers), and with OIDC on: GET /auth/oidc/login (redirect to the
 * provider) and GET /auth/oidc/callback (session cookie, redirect to the UI). Browser flows answer refusals with a
 * redirect to the login page carrying the stable code (`/login?error=OIDC_NO_ROLE`), never a page of JSON.
 */
export function oidcRoutes(deps: OidcRoutesDependencies): Router {
  const router = Router();
  const { settings, start, finish } = deps;
  router.get('/auth/config', (_req, res) => {
    res.json({
      localLogin: settings?.localLogin ?? true,
      oidc: settings ? { providerName: settings.providerName, loginUrl: '/api/auth/oidc/login' } : null,
    });
  });
  if (!settings || !start || !finish) return router;

  // Lax, not strict: the provider's redirect back is a cross-site top-level navigation that must carry the cookie.
  const stateCookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.production, path: '/api/auth/oidc' };
  if (!settings.localLogin) {
    router.post('/auth/login', (_req, _res, next) => next(new LocalLoginDisabledError()));
  }

  router.get('/auth/oidc/login', async (_req, res) => {
    try {
      const { url, state, expiresAt } = await start.execute();
      res.cookie(OIDC_STATE_COOKIE, state, { ...stateCookie, expires: expiresAt });
      res.redirect(302, url.href);
    } catch (error) {
      console.error(`OpenID provider unavailable: ${(error as Error).message}`);
      res.redirect(302, '/login?error=OIDC_PROVIDER_UNAVAILABLE');
    }
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const cookie: unknown = req.cookies?.[OIDC_STATE_COOKIE];
    res.clearCookie(OIDC_STATE_COOKIE, stateCookie);
    // The registered redirect URI with this request's query: openid-client derives the token request's redirect_uri from it.
    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = new URL(req.originalUrl, 'http://callback').search;
    try {
      const { token, expiresAt } = await finish.execute(callbackUrl, typeof cookie === 'string' ? cookie : null);
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.production, path: '/', expires: expiresAt });
      res.redirect(302, settings.postLoginPath);
    } catch (error) {
      if (!(error instanceof OidcRefusedError)) throw error;
      console.warn(`OpenID login refused (${error.code}): ${error.message}`);
      res.redirect(302, `/login?error=${error.code}`);
    }
  });
  return router;
}
