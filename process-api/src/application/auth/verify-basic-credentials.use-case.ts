import { createHash } from 'node:crypto';
import type { CurrentUser } from '@werkbank/shared';
import type { UserDirectory } from '../ports';
import { hashPassword, verifyPassword } from './password-hashing';

// Compared against when the user does not exist, so both failures take the same time (as in LoginUseCase).
const DUMMY_HASH = hashPassword('no such user');
const CACHE_MS = 60_000;

/**
 * HTTP Basic credentials of a Werkbank account (the Camunda SDK's BASIC strategy), checked like the login route:
 * bcrypt, demo accounts refused in production. A job worker sends them on every poll, so a verified pair is
 * remembered for a minute (by a hash of both, never the password itself).
 */
export class VerifyBasicCredentialsUseCase {
  private readonly verified = new Map<string, { username: string; until: number }>();

  constructor(private readonly users: UserDirectory, private readonly options: { production: boolean; now?: () => number }) {}

  async execute(username: string, password: string): Promise<CurrentUser | null> {
    const now = this.options.now?.() ?? Date.now();
    const id = createHash('sha256').update(`${username}\u0000${password}`).digest('hex');
    const cached = this.verified.get(id);
    if (cached && cached.until > now) return this.users.findProfile(cached.username);
    const credentials = await this.users.findCredentials(username);
    // The same verification as the login route (scrypt, and bcrypt hashes of older accounts until they log in).
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await DUMMY_HASH));
    if (!credentials || !matches || (credentials.demo && this.options.production)) return null;
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(id, { username: credentials.username, until: now + CACHE_MS });
    return this.users.findProfile(credentials.username);
  }
}
