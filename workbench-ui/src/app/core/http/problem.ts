import { HttpErrorResponse } from '@angular/common/http';
import type { Problem } from '@werkbank/shared';

/** The problem+json body of a failed call, or a synthetic one for network failures and foreign bodies. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (isProblem(body)) return body;
    if (error.status === 0) return { type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' };
    return { type: 'about:blank', title: error.statusText || 'Error', status: error.status, code: 'UNKNOWN' };
  }
  return { type: 'about:blank', title: String(error), status: 0, code: 'UNKNOWN' };
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate['code'] === 'string' && typeof candidate['title'] === 'string';
}

export function isConflict(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 409;
}
