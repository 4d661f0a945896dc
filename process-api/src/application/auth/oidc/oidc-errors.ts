/**
 * Why an OpenID Connect login or bearer token was refused. The code is stable (problem table, audit, the login
 * page's message); the message is for logs and API clients, never containing a token.
 */
export type OidcRefusalCode =
  /** State missing, unknown, expired or replayed; code exchange or ID token validation failed. */
  | 'OIDC_LOGIN_FAILED'
  /** No value of the roles claim maps to a Werkbank role. */
  | 'OIDC_NO_ROLE'
  /** The username claim is missing or names a local (password) account or another subject's account. */
  | 'OIDC_ACCOUNT_CONFLICT'
  /** Bearer JWT with a bad signature, issuer, audience or lifetime. */
  | 'INVALID_TOKEN';

export class OidcRefusedError extends Error {
  constructor(
    readonly code: OidcRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'OidcRefusedError';
  }
}

export class LocalLoginDisabledError extends Error {
  readonly code = 'LOCAL_LOGIN_DISABLED';
  constructor() {
    super('Password login is disabled on this installation: sign in with the organisation account');
    this.name = 'LocalLoginDisabledError';
  }
}
