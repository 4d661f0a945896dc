import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE } from '../auth/authenticate';

export const CSRF_COOKIE = 'wb_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class CsrfError extends Error {
  constructor(
    readonly code: 'CSRF_TOKEN_INVALID' | 'CSRF_ORIGIN_REFUSED',
    message: string,
  ) {
    super(message);
    this.name = 'CsrfError';
  }
}

/**
 * The CSRF token of a session: derived from the (httpOnly, secret) session token, so a cookie planted by a sibling
 * domain cannot match it and the server keeps no extra state ("signed double submit").
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`werkbank-csrf:${sessionToken}`).digest('base64url');
}

export function setCsrfCookie(res: Response, sessionToken: string, secure: boolean, expires?: Date): void {
  // readable by the UI's script (not httpOnly): it echoes it in X-CSRF-Token
  res.cookie(CSRF_COOKIE, csrfTokenFor(sessionToken), { httpOnly: false, sameSite: 'lax', secure, path: '/', ...(expires ? { expires } : {}) });
}

function sameOrigin(req: Request, allowedOrigins: readonly string[]): boolean {
  const origin = req.get('origin');
  if (!origin) return true; // not sent by older browsers on same-origin requests; the token still guards
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF protection for cookie-authenticated writes: POST/PUT/PATCH/DELETE carrying the session cookie (and no bearer
 * token) need `X-CSRF-Token` equal to the session's token and, when the browser sends one, a same-site Origin.
 * Bearer-token clients are exempt (a browser never attaches a bearer token by itself). Also refuses cross-origin
 * unsafe requests without any session and logins (login CSRF). Reissues the cookie when a cookie session lacks it.
 */
export function csrfProtection(options: { secure: boolean; allowedOrigins?: readonly string[] }): RequestHandler {
  const allowed = options.allowedOrigins ?? [];
  return (req, res, next) => {
    if (/^Bearer\s/i.test(req.get('authorization') ?? '')) return next();
    const session: unknown = req.cookies?.[SESSION_COOKIE];
    const hasSession = typeof session === 'string' && session !== '';
    if (hasSession && req.cookies?.[CSRF_COOKIE] !== csrfTokenFor(session)) setCsrfCookie(res, session, options.secure);
    if (!UNSAFE.has(req.method)) return next();
    if (!sameOrigin(req, allowed)) return next(new CsrfError('CSRF_ORIGIN_REFUSED', 'Cross-origin request refused'));
    // a login does not act on the session the browser may still hold (expired, another user's): Origin suffices
    if (!hasSession || req.path === '/auth/login') return next();
    const header = req.get(CSRF_HEADER);
    if (!header || !equal(header, csrfTokenFor(session))) {
      return next(new CsrfError('CSRF_TOKEN_INVALID', 'Missing or invalid X-CSRF-Token header'));
    }
    return next();
  };
}
