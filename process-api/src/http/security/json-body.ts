import express, { type RequestHandler } from 'express';

export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends Error {
  readonly code = 'JSON_TOO_DEEP';
  readonly status = 400;
  constructor(limit: number) {
    super(`JSON nested deeper than ${limit} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * Nesting depth of raw JSON, scanned before parsing: a 5,000-deep document parses fine but overflows the stack of
 * any recursive code after it (JSON.stringify, validators), which would be a 500. Strings are skipped.
 */
export function assertJsonDepth(raw: Buffer, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) throw new JsonTooDeepError(limit);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** express.json with the depth limit: every JSON body of the API goes through this. */
export function jsonBody(options: { limit: string; type?: string | string[] }): RequestHandler {
  return express.json({ ...options, verify: (_req, _res, raw) => assertJsonDepth(raw) });
}

export class UnsupportedMediaTypeError extends Error {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  constructor(reads: string, sent: string | undefined) {
    super(`this endpoint reads ${reads}, the request sent ${sent ?? 'no Content-Type'}`);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/**
 * Refuses a body the endpoint does not read (text/plain, a form post, bytes without a content type) with 415: the
 * route would otherwise see no body at all and answer a misleading 400 VALIDATION_FAILED. Every endpoint reads JSON
 * (`+json` too: CloudEvents); the `fileUploads` paths read application/json or multipart/form-data, and their
 * routes rely on this check alone. A request without a body
 * (a logout, with or without a content type) passes.
 */
export function requireMediaType(fileUploads: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) return next();
    const sent = req.headers['content-type']?.split(';')[0].trim();
    if (!fileUploads.includes(req.path)) return req.is(['application/json', '+json']) ? next() : next(new UnsupportedMediaTypeError('JSON (Content-Type: application/json)', sent));
    return req.is(['application/json', 'multipart/form-data']) ? next() : next(new UnsupportedMediaTypeError('JSON or files (Content-Type: application/json or multipart/form-data)', sent));
  };
}
