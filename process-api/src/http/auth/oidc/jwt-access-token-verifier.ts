import { createPublicKey, verify, constants, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Claims } from '../../../application/auth/oidc/claim-mapping';
import { OidcRefusedError } from '../../../application/auth/oidc/oidc-errors';
import type { AccessTokenVerifier } from '../../../application/auth/oidc/oidc-ports';

/** Asymmetric algorithms only: `none` and HMAC (a public key used as a shared secret) are never accepted. */
const ALGORITHMS: Record<string, { hash: string; kty: string; pss?: boolean; ecdsa?: boolean }> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', pss: true },
  PS384: { hash: 'sha384', kty: 'RSA', pss: true },
  PS512: { hash: 'sha512', kty: 'RSA', pss: true },
  ES256: { hash: 'sha256', kty: 'EC', ecdsa: true },
  ES384: { hash: 'sha384', kty: 'EC', ecdsa: true },
};

const CLOCK_SKEW_S = 60;
/** An unknown key id refetches the key set (the provider rotated), at most this often. */
const REFETCH_MS = 30_000;

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  /** The provider's JWKS URL (from its discovery document). */
  jwksUri: () => Promise<string>;
  now?: () => number;
}

const refused = (message: string) => new OidcRefusedError('INVALID_TOKEN', message);

function decodeJson(part: string, what: string): Claims {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Claims;
  } catch {
    // answered below
  }
  throw refused(`the token's ${what} is not a JSON object`);
}

/** RFC 9068-style JWT access tokens, verified with node:crypto against the issuer's JWKS (cached, refetched on rotation). */
export class JwtAccessTokenVerifier implements AccessTokenVerifier {
  private keys = new Map<string, { key: KeyObject; kty: string }>();
  private fetchedAt = 0;

  constructor(private readonly options: JwtVerifierOptions) {}

  async verify(token: string): Promise<Claims> {
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) throw refused('not a signed JWT');
    const header = decodeJson(h, 'header');
    const algorithm = typeof header['alg'] === 'string' ? ALGORITHMS[header['alg']] : undefined;
    if (!algorithm) throw refused(`the signing algorithm ${String(header['alg'])} is not accepted`);
    const key = await this.keyFor(typeof header['kid'] === 'string' ? header['kid'] : '');
    if (!key || key.kty !== algorithm.kty) throw refused('the token is not signed by a key of the issuer');
    const signed = verify(
      algorithm.hash,
      Buffer.from(`${h}.${p}`),
      {
        key: key.key,
        ...(algorithm.pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}),
        ...(algorithm.ecdsa ? { dsaEncoding: 'ieee-p1363' as const } : {}),
      },
      Buffer.from(s, 'base64url'),
    );
    if (!signed) throw refused('the token signature is invalid');
    const claims = decodeJson(p, 'payload');
    this.checkClaims(claims);
    return claims;
  }

  private checkClaims(claims: Claims): void {
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    if (claims['iss'] !== this.options.issuer) throw refused('the token was issued by another issuer');
    const audiences = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
    if (!audiences.includes(this.options.audience)) throw refused('the token is meant for another audience');
    if (typeof claims['exp'] !== 'number' || claims['exp'] + CLOCK_SKEW_S <= now) throw refused('the token has expired');
    if (typeof claims['nbf'] === 'number' && claims['nbf'] - CLOCK_SKEW_S > now) throw refused('the token is not valid yet');
  }

  private async keyFor(kid: string): Promise<{ key: KeyObject; kty: string } | undefined> {
    const known = this.lookup(kid);
    if (known) return known;
    const now = this.options.now?.() ?? Date.now();
    if (now - this.fetchedAt < REFETCH_MS) return undefined;
    this.fetchedAt = now;
    const response = await fetch(await this.options.jwksUri(), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`the issuer's key set answered ${response.status}`);
    const jwks = (await response.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const keys = new Map<string, { key: KeyObject; kty: string }>();
    for (const jwk of jwks.keys ?? []) {
      if (jwk.use && jwk.use !== 'sig') continue;
      if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') continue;
      try {
        keys.set(jwk.kid ?? '', { key: createPublicKey({ key: jwk, format: 'jwk' }), kty: jwk.kty });
      } catch {
        // a key this runtime cannot import is skipped; tokens signed with it are refused
      }
    }
    this.keys = keys;
    return this.lookup(kid);
  }

  /** By key id; a token without one matches only a key set of exactly one key. */
  private lookup(kid: string) {
    if (kid) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }
}
