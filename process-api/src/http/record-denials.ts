import type { ErrorRequestHandler } from 'express';
import type { AuditLog } from '../application/audit/audit-log.port';
import { statusOf } from './problem';

/**
 * Every refused call of a signed-in user (any 403) becomes an `access.denied` audit entry before the error handler
 * answers it: refusals are tamper-evident and readable per user like any other action. Anonymous 401s are not
 * recorded (nobody to name); a failed login is its own `login.failed` entry.
 */
export function recordDenials(audit: AuditLog): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (statusOf(error) !== 403 || !req.user) return next(error);
    const code = String((error as { code?: unknown }).code ?? 'FORBIDDEN');
    // The path with its ids (task key, case id), never the query string: it may carry search terms.
    const path = req.originalUrl.split('?')[0];
    audit
      .record({
        actor: req.user.username,
        action: 'access.denied',
        subjectType: 'route',
        subjectId: `${req.method} ${path}`,
        details: { code },
      })
      .then(
        () => next(error),
        (failure: unknown) => next(failure),
      );
  };
}
