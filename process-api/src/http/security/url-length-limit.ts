import type { RequestHandler } from 'express';

export class UrlTooLongError extends Error {
  readonly code = 'REQUEST_URL_TOO_LONG';
  constructor(limit: number) {
    super(`The request URL is longer than ${limit} characters`);
    this.name = 'UrlTooLongError';
  }
}

/** Refuses URLs over the limit before routing (search queries are the only long ones, and they stay far below). */
export function urlLengthLimit(limit: number): RequestHandler {
  return (req, _res, next) => next(req.originalUrl.length > limit ? new UrlTooLongError(limit) : undefined);
}
