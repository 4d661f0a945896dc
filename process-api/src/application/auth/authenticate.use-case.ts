import type { CurrentUser } from '@werkbank/shared';
import type { SessionStore, UserDirectory } from '../ports';
import { hashSessionToken } from './session-token';

/** Resolves a session token to its user, or null for an unknown or expired token. */
export class AuthenticateUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly sessions: SessionStore,
    private readonly options: { production: boolean; now?: () => Date },
  ) {}

  async execute(token: string): Promise<CurrentUser | null> {
    const user = await this.sessions.findUser(hashSessionToken(token), this.options.now?.() ?? new Date());
    if (!user) return null;
    if (this.options.production) {
      // A demo session that predates a switch to production must not keep working.
      const credentials = await this.users.findCredentials(user.username);
      if (!credentials || credentials.demo) return null;
    }
    return user;
  }
}
