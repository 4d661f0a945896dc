import { createHash, randomBytes } from 'node:crypto';
import type { OpenIdProvider, PendingLoginStore } from './oidc-ports';

/** A login has this long between the redirect to the provider and the callback. */
export const PENDING_LOGIN_TTL_MS = 10 * 60 * 1000;

const random = () => randomBytes(32).toString('base64url');

/** Starts the authorization code flow: fresh state, nonce and PKCE verifier, kept server-side; the provider's URL. */
export class StartOidcLoginUseCase {
  constructor(
    private readonly provider: OpenIdProvider,
    private readonly pending: PendingLoginStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<{ url: URL; state: string; expiresAt: Date }> {
    const state = random();
    const nonce = random();
    const codeVerifier = random();
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const url = await this.provider.authorizationUrl({ state, nonce, codeChallenge });
    const expiresAt = new Date(this.now().getTime() + PENDING_LOGIN_TTL_MS);
    await this.pending.save(state, { nonce, codeVerifier }, expiresAt);
    return { url, state, expiresAt };
  }
}
