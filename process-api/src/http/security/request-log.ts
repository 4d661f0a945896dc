import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import '../auth/request-user';
import { jsonLog, redactPath } from './json-log';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * X-Request-Id in (when well-formed) and out, and one JSON line per finished request: time, level, requestId,
 * method, path (no query string, identifiers redacted), status, ms, user. Never bodies, headers or cookies, so no
 * password, token or session ever reaches the log.
 */
export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/api/health' || req.path === '/api/ready') return; // probes every few seconds: noise
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      jsonLog(level, 'request', {
        requestId,
        method: req.method,
        path: redactPath(req.originalUrl.split('?')[0]),
        status: res.statusCode,
        ms,
        user: req.user?.username ?? null,
      });
    });
    next();
  };
}
