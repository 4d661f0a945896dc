import { createHash } from 'node:crypto';
import type { CurrentUser } from '@werkbank/shared';
import type { UserDirectory } from '../../ports';
import { mapClaims } from './claim-mapping';
import { OidcRefusedError } from './oidc-errors';
import type { AccessTokenVerifier, OidcUserStore } from './oidc-ports';
import type { OidcSettings } from './oidc-settings';

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const CACHE_MS = 60_000;

/** What resolves a bearer token or session cookie to a user (AuthenticateUseCase has this shape). */
export interface TokenAuthenticator {
  execute(token: string): Promise<CurrentUser | null>;
}

/**
 * Bearer tokens of machine clients and the /v2 API: a JWT is an OpenID access token (verified against the issuer's
 * keys, audience checked, claims mapped like a browser login, user row created or updated); anything else is a
 * Werkbank session token. A verified token is remembered until it expires, at most a minute (by its hash).
 */
export class AuthenticateBearerUseCase implements TokenAuthenticator {
  private readonly verified = new Map<string, { username: string; until: number }>();

  constructor(
    private readonly sessions: TokenAuthenticator,
    private readonly verifier: AccessTokenVerifier,
    private readonly users: OidcUserStore,
    private readonly profiles: Pick<UserDirectory, 'findProfile'>,
    private readonly settings: OidcSettings,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async execute(token: string): Promise<CurrentUser | null> {
    if (!JWT.test(token)) return this.sessions.execute(token);
    const id = createHash('sha256').update(token).digest('hex');
    const cached = this.verified.get(id);
    if (cached && cached.until > this.now()) return this.profiles.findProfile(cached.username);
    try {
      const claims = await this.verifier.verify(token);
      // Client-credentials tokens of machine clients carry no user name: the client id is the account.
      const identity = mapClaims(claims, this.settings, ['client_id', 'azp']);
      await this.users.upsert(identity);
      const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : 0;
      if (this.verified.size > 1000) this.verified.clear();
      this.verified.set(id, { username: identity.username, until: Math.min(exp, this.now() + CACHE_MS) });
      return this.profiles.findProfile(identity.username);
    } catch (error) {
      if (error instanceof OidcRefusedError) return null;
      throw error;
    }
  }
}
