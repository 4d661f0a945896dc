import type { CurrentUser } from '@werkbank/shared';
import type { SessionStore } from '../ports';
import { hashSessionToken } from './session-token';

/** Resolves a session token to its user, or null for an unknown or expired token. */
export class AuthenticateUseCase {
  constructor(
    private readonly sessions: SessionStore,
    private readonly options: { production: boolean; now?: () => Date },
  ) {}

  async execute(token: string): Promise<CurrentUser | null> {
    const found = await this.sessions.findSessionUser(hashSessionToken(token), this.options.now?.() ?? new Date());
    if (!found) return null;
    // A demo session that predates a switch to production must not keep working.
    if (this.options.production && found.demo) return null;
    return found.user;
  }
}
