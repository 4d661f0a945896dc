import { z } from 'zod';

/** RFC 9457 problem details with Werkbank's stable machine-readable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string().optional(), elementId: z.string().optional(), resource: z.string().optional(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * Every stable `code` the API answers with (process-api maps each to its HTTP status). Clients translate them by code;
 * a client older than the server can still meet a code it does not know, so `code` above stays an open string.
 */
export const PROBLEM_CODES = [
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INTERNAL',
  'INVALID_EVENT',
  'INVALID_ENTERPRISE_NUMBER',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_QUERY',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'JSON_TOO_DEEP',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'INVALID_CREDENTIALS',
  'DEMO_ACCOUNT_DISABLED',
  'ASSIGNEE_NOT_IN_GROUP',
  'ASSIGNEE_NOT_IN_TEAM',
  'CASE_NOT_FOUND',
  'FOUR_EYES_VIOLATION',
  'TOO_MANY_FILES',
  'OIDC_LOGIN_FAILED',
  'INVALID_TOKEN',
  'OIDC_NO_ROLE',
  'OIDC_ACCOUNT_CONFLICT',
  'LOCAL_LOGIN_DISABLED',
  'DEPLOYMENT_REJECTED',
  'PROCESS_NOT_FOUND',
  'INSTANCE_NOT_FOUND',
  'TASK_NOT_FOUND',
  'TASK_NOT_ACTIVE',
  'TASK_VERSION_CONFLICT',
  'TASK_ALREADY_CLAIMED',
  'MESSAGE_ALREADY_EXISTS',
  'JOB_NOT_FOUND',
  'JOB_NOT_ACTIVATED',
  'INCIDENT_NOT_FOUND',
  'CLOCK_NOT_CONTROLLABLE',
  'NOT_SUPPORTED',
  'DEADLINE_EXCEEDED',
  'CSRF_TOKEN_INVALID',
  'CSRF_ORIGIN_REFUSED',
  'TOO_MANY_LOGIN_ATTEMPTS',
  'REQUEST_URL_TOO_LONG',
  'DATABASE_UNAVAILABLE',
  'NOT_READY',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
