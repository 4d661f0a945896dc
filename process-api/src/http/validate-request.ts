import type { ZodType, ZodTypeDef } from 'zod';

export class RequestValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: { field: string; message: string }[]) {
    super(`Invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

/** Validates input at the edge with the shared contract; the problem names every offending field. */
export function parseRequest<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(body)',
      message: issue.message,
    })),
  );
}
