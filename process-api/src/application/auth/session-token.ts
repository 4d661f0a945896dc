import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; the token itself lives in the browser's cookie or the API client. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
