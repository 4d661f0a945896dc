import type { Claims, OidcIdentity } from './claim-mapping';

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
}

/** The OpenID provider as the login needs it (adapter: openid-client). */
export interface OpenIdProvider {
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /**
   * Exchanges the code of the callback URL with the PKCE verifier and returns the claims of the validated ID token
   * (signature, issuer, audience, lifetime, nonce). Throws on any mismatch.
   */
  exchangeCode(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Claims>;
}

/** Verifies a JWT access token (signature against the issuer's keys, issuer, audience, lifetime); throws OidcRefusedError. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Claims>;
}

export interface PendingLogin {
  nonce: string;
  codeVerifier: string;
}

/** Logins between the redirect to the provider and its callback; each is taken once (a replayed callback finds nothing). */
export interface PendingLoginStore {
  save(state: string, login: PendingLogin, expiresAt: Date): Promise<void>;
  take(state: string, now: Date): Promise<PendingLogin | null>;
}

/** Creates or updates the user row of an OpenID identity (no password); refuses to take over a local account. */
export interface OidcUserStore {
  upsert(identity: OidcIdentity): Promise<void>;
}
