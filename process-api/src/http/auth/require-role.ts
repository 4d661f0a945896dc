import type { RequestHandler } from 'express';
import type { Role } from '@werkbank/shared';
import './request-user';

export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Refuses the request unless the caller is authenticated and holds one of the roles (403 problem+json otherwise). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new AuthError('UNAUTHENTICATED', 'Log in first'));
    if (roles.length > 0 && !req.user.roles.some((r) => roles.includes(r))) {
      return next(new AuthError('FORBIDDEN', `Requires one of the roles: ${roles.join(', ')}`));
    }
    return next();
  };
}
