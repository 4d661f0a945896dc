import type { ProblemCode } from '@werkbank/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './security/database-availability';
import { jsonLog } from './security/json-log';

/** The one table mapping stable error codes to HTTP statuses: exactly the contract's codes (the UI translates them). */
const STATUS_OF_CODE: Record<ProblemCode, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
  INVALID_EVENT: 400,
  INVALID_ENTERPRISE_NUMBER: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_QUERY: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  JSON_TOO_DEEP: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_CREDENTIALS: 401,
  DEMO_ACCOUNT_DISABLED: 403,
  ASSIGNEE_NOT_IN_GROUP: 400,
  ASSIGNEE_NOT_IN_TEAM: 403,
  CASE_NOT_FOUND: 404,
  FOUR_EYES_VIOLATION: 403,
  TOO_MANY_FILES: 400,
  // OpenID Connect (OidcRefusedError, LocalLoginDisabledError)
  OIDC_LOGIN_FAILED: 401,
  INVALID_TOKEN: 401,
  OIDC_NO_ROLE: 403,
  OIDC_ACCOUNT_CONFLICT: 403,
  LOCAL_LOGIN_DISABLED: 403,
  // ProcessEngine port (EngineError.code)
  DEPLOYMENT_REJECTED: 400,
  PROCESS_NOT_FOUND: 404,
  INSTANCE_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  TASK_NOT_ACTIVE: 409,
  TASK_VERSION_CONFLICT: 409,
  TASK_ALREADY_CLAIMED: 409,
  MESSAGE_ALREADY_EXISTS: 409,
  JOB_NOT_FOUND: 404,
  JOB_NOT_ACTIVATED: 409,
  INCIDENT_NOT_FOUND: 404,
  CLOCK_NOT_CONTROLLABLE: 403,
  NOT_SUPPORTED: 501,
  DEADLINE_EXCEEDED: 504,
  // security and availability
  CSRF_TOKEN_INVALID: 403,
  CSRF_ORIGIN_REFUSED: 403,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
  REQUEST_URL_TOO_LONG: 414,
  DATABASE_UNAVAILABLE: 503,
  NOT_READY: 503,
};
const STATUS_BY_CODE: Readonly<Record<string, number | undefined>> = STATUS_OF_CODE;

/** Errors of the JSON body parser, which carry a `type` instead of our `code`. */
const CODE_BY_BODY_PARSER_TYPE: Record<string, string> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
};

export function problem(status: number, code: string, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return { type: `https://werkbank.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, ...(detail ? { detail } : {}), ...extra };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).type('application/problem+json').json(problem(404, 'NOT_FOUND', 'Not found', `No route for ${req.method} ${req.path}`));
};

function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'INTERNAL';
  const { code, type, status } = error as { code?: unknown; type?: unknown; status?: unknown };
  if (typeof code === 'string' && STATUS_BY_CODE[code]) return code;
  if (typeof type === 'string' && CODE_BY_BODY_PARSER_TYPE[type]) return CODE_BY_BODY_PARSER_TYPE[type];
  // Other client errors raised by Express middleware (unsupported charset, ...).
  if (typeof status === 'number' && status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

/** The HTTP status an error will be answered with (for middleware that acts on refusals before the handler). */
export function statusOf(error: unknown): number {
  return STATUS_BY_CODE[codeOf(error)] ?? 500;
}

// Express recognises an error handler by its four parameters.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export const errorHandler: ErrorRequestHandler = (thrown, req, res, _next) => {
  // a lost database connection is the database's outage, not our bug: 503 with Retry-After, and the client retries
  const error = isDatabaseUnavailable(thrown) ? new DatabaseUnavailableError() : thrown;
  const code = codeOf(error);
  const status = STATUS_BY_CODE[code] ?? 500;
  if (status === 500) {
    jsonLog('error', 'unhandled error', { requestId: req.requestId, error: String(error?.message ?? error), stack: error?.stack });
  } else if (status === 503) {
    jsonLog('warn', 'database unavailable', { requestId: req.requestId, error: String(thrown?.message ?? thrown) });
  }
  if (typeof error?.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(error.retryAfterSeconds));
  const extra: Record<string, unknown> = {};
  if (status < 500 && Array.isArray(error?.errors)) extra['errors'] = error.errors;
  else if (status < 500 && Array.isArray(error?.problems) && error.problems.length > 0) extra['errors'] = error.problems;
  res
    .status(status)
    .type('application/problem+json')
    .json(problem(status, code, status === 500 ? 'Internal error' : String(error.message), undefined, extra));
};

/** The stable code and HTTP status of any error (the Camunda /v2 adapter answers them in Camunda's problem shape). */
export function classifyError(error: unknown): { code: string; status: number } {
  const code = codeOf(error);
  return { code, status: STATUS_BY_CODE[code] ?? 500 };
}
