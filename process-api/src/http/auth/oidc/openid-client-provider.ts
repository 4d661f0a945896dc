import * as client from 'openid-client';
import type { Claims } from '../../../application/auth/oidc/claim-mapping';
import type { AuthorizationRequest, OpenIdProvider } from '../../../application/auth/oidc/oidc-ports';
import type { OidcSettings } from '../../../application/auth/oidc/oidc-settings';

/**
 * openid-client 6 behind the OpenIdProvider port. Discovery happens on first use (Werkbank starts even while the
 * provider is down) and is retried after a failure. ID tokens are also checked against the issuer's keys
 * (non-repudiation checks), on top of issuer, audience, lifetime and nonce.
 */
export class OpenIdClientProvider implements OpenIdProvider {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OidcSettings) {}

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    return client.buildAuthorizationUrl(await this.config(), {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
  }

  async exchangeCode(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Claims> {
    const tokens = await client.authorizationCodeGrant(await this.config(), callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    return { ...claims };
  }

  /** The JWKS URL of the issuer, for the access token verifier. */
  async jwksUri(): Promise<string> {
    const uri = (await this.config()).serverMetadata().jwks_uri;
    if (!uri) throw new Error('the provider publishes no jwks_uri');
    return uri;
  }

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      const execute = [client.enableNonRepudiationChecks];
      // http: is only accepted for a provider on this machine outside production (checked by readOidcSettings).
      if (new URL(issuer).protocol === 'http:') execute.push(client.allowInsecureRequests);
      this.configuration = client
        .discovery(new URL(issuer), clientId, clientSecret ?? undefined, clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(), { execute })
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration;
  }
}
