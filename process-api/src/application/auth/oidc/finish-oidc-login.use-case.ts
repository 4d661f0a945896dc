import type { CurrentUser } from '@werkbank/shared';
import type { AuditLog } from '../../audit/audit-log.port';
import type { SessionStore, UserDirectory } from '../../ports';
import { SESSION_TTL_MS, hashSessionToken, newSessionToken } from '../session-token';
import { mapClaims } from './claim-mapping';
import { OidcRefusedError } from './oidc-errors';
import type { OpenIdProvider, OidcUserStore, PendingLoginStore } from './oidc-ports';
import type { OidcSettings } from './oidc-settings';

export interface FinishOidcLoginDependencies {
  provider: OpenIdProvider;
  pending: PendingLoginStore;
  users: OidcUserStore;
  profiles: Pick<UserDirectory, 'findProfile'>;
  sessions: SessionStore;
  audit: AuditLog;
  settings: OidcSettings;
  now?: () => Date;
}

/**
 * The provider's callback: the state must be this browser's (cookie) and a live pending login (taken once), the
 * code is exchanged with the PKCE verifier, the ID token is validated with the nonce, the claims are mapped, the
 * user row created or updated, and the same session as a password login is started. Every attempt is audited.
 */
export class FinishOidcLoginUseCase {
  constructor(private readonly deps: FinishOidcLoginDependencies) {}

  async execute(callbackUrl: URL, browserState: string | null): Promise<{ user: CurrentUser; token: string; expiresAt: Date }> {
    try {
      const result = await this.login(callbackUrl, browserState);
      await this.deps.audit.record({ actor: result.user.username, action: 'login.succeeded', subjectType: 'user', subjectId: result.user.username, details: { method: 'oidc' } });
      return result;
    } catch (error) {
      const code = error instanceof OidcRefusedError ? error.code : 'OIDC_LOGIN_FAILED';
      // Nobody is known yet: the audit names no account (a claim could carry anything).
      await this.deps.audit.record({ actor: '(oidc)', action: 'login.failed', subjectType: 'user', subjectId: '(oidc)', details: { method: 'oidc', reason: code } });
      throw error instanceof OidcRefusedError ? error : new OidcRefusedError('OIDC_LOGIN_FAILED', `the provider's answer was refused: ${(error as Error).message}`);
    }
  }

  private async login(callbackUrl: URL, browserState: string | null) {
    const now = this.deps.now?.() ?? new Date();
    const state = callbackUrl.searchParams.get('state');
    if (!state || !browserState || state !== browserState) throw new OidcRefusedError('OIDC_LOGIN_FAILED', 'the login state does not belong to this browser');
    const pending = await this.deps.pending.take(state, now);
    if (!pending) throw new OidcRefusedError('OIDC_LOGIN_FAILED', 'the login is unknown, expired or already used');
    const claims = await this.deps.provider.exchangeCode(callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    const identity = mapClaims(claims, this.deps.settings);
    await this.deps.users.upsert(identity);
    const user = await this.deps.profiles.findProfile(identity.username);
    if (!user) throw new OidcRefusedError('OIDC_ACCOUNT_CONFLICT', 'the account could not be created');
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.deps.sessions.create(hashSessionToken(token), user.username, expiresAt);
    return { user, token, expiresAt };
  }
}
