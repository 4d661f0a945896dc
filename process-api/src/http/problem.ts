import type { ErrorRequestHandler, RequestHandler } from 'express';

/** The one table mapping stable error codes to HTTP statuses. */
const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
  INVALID_EVENT: 400,
  INVALID_ENTERPRISE_NUMBER: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_QUERY: 400,
};

export function problem(status: number, code: string, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return { type: `https://werkbank.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, ...(detail ? { detail } : {}), ...extra };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).type('application/problem+json').json(problem(404, 'NOT_FOUND', 'Not found', `No route for ${req.method} ${req.path}`));
};

// Express recognises an error handler by its four parameters.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const code = typeof error?.code === 'string' && STATUS_BY_CODE[error.code] ? error.code : 'INTERNAL';
  const status = STATUS_BY_CODE[code] ?? 500;
  if (status >= 500) console.error(error);
  // Validation errors carry their field-level `errors` list into the problem document.
  const extra = status < 500 && Array.isArray(error?.errors) ? { errors: error.errors } : {};
  res.status(status).type('application/problem+json').json(problem(status, code, status >= 500 ? 'Internal error' : String(error.message), undefined, extra));
};
