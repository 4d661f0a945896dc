import { createHash } from 'node:crypto';
import type { CurrentUser } from '@werkbank/shared';
import type { UserDirectory } from '../ports';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hashing';

// Compared against when the user does not exist, so both failures take the same time (as in LoginUseCase).
const DUMMY_HASH = hashPassword('no such user');
const CACHE_MS = 60_000;

/**
 * HTTP Basic credentials of a Werkbank account (the Camunda SDK's BASIC strategy), checked like the login route: the
 * same password hashing, demo accounts refused in production, and the same lock-out (a Basic endpoint must not be a
 * password oracle that the login route's lock-out does not see). A job worker sends the credentials on every poll, so
 * a verified pair is remembered for a minute (by a hash of both, never the password itself).
 */
export class VerifyBasicCredentialsUseCase {
  private readonly verified = new Map<string, { username: string; until: number }>();

  constructor(
    private readonly users: UserDirectory,
    private readonly options: { production: boolean; throttle?: LoginThrottle; now?: () => Date },
  ) {}

  /** The account, or null for wrong credentials; throws LoginThrottledError while the account or address is locked. */
  async execute(username: string, password: string, clientAddress: string | null = null): Promise<CurrentUser | null> {
    const now = this.options.now?.() ?? new Date();
    const id = createHash('sha256').update(`${username}\u0000${password}`).digest('hex');
    const cached = this.verified.get(id);
    if (cached && cached.until > now.getTime()) return this.users.findProfile(cached.username);
    await this.options.throttle?.assertAllowed(username, clientAddress, now);
    const credentials = await this.users.findCredentials(username);
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await DUMMY_HASH));
    if (!credentials || !matches) {
      await this.options.throttle?.failed(username, clientAddress, now);
      return null;
    }
    if (credentials.demo && this.options.production) return null;
    await this.options.throttle?.succeeded(username);
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(id, { username: credentials.username, until: now.getTime() + CACHE_MS });
    return this.users.findProfile(credentials.username);
  }
}
