import type { LoginRequest, LoginResponse } from '@werkbank/shared';
import type { LoginUseCase } from '../auth/login.use-case';
import type { LogoutUseCase } from '../auth/logout.use-case';
import { hashSessionToken } from '../auth/session-token';
import type { SessionStore, UserDirectory } from '../ports';
import type { AuditLog } from './audit-log.port';

export type Login = Pick<LoginUseCase, 'execute'>;
export type Logout = Pick<LogoutUseCase, 'execute'>;

/**
 * Records every login attempt. A failed attempt names the account only when it exists: a password typed into the
 * user name field must not end up in the audit trail. Each entry is its own transaction (no state change to join).
 */
export class AuditedLogin implements Login {
  constructor(
    private readonly login: Login,
    private readonly audit: AuditLog,
    private readonly users: UserDirectory,
  ) {}

  async execute(request: LoginRequest, clientAddress: string | null = null): Promise<LoginResponse & { expiresAt: Date }> {
    try {
      // the client address must reach the login: the lock-out per address counts on it
      const result = await this.login.execute(request, clientAddress);
      await this.audit.record({ actor: result.user.username, action: 'login.succeeded', subjectType: 'user', subjectId: result.user.username });
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'INVALID_CREDENTIALS' || code === 'DEMO_ACCOUNT_DISABLED' || code === 'TOO_MANY_LOGIN_ATTEMPTS') {
        const known = (await this.users.findProfile(request.username)) !== null;
        const subject = known ? request.username : '(unknown)';
        await this.audit.record({ actor: subject, action: 'login.failed', subjectType: 'user', subjectId: subject, details: { reason: code } });
      }
      throw error;
    }
  }
}

/** Records a logout of a live session under its user; an unknown or expired token logs nobody out and records nothing. */
export class AuditedLogout implements Logout {
  constructor(
    private readonly logout: Logout,
    private readonly audit: AuditLog,
    private readonly sessions: SessionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(token: string): Promise<void> {
    const username = await this.sessions.findUsername(hashSessionToken(token), this.now());
    await this.logout.execute(token);
    if (username) await this.audit.record({ actor: username, action: 'logout', subjectType: 'user', subjectId: username });
  }
}
