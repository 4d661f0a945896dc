import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Claims = Record<string, unknown>;

export interface TestOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claims of the user who "logs in" at the next authorization request (sub, preferred_username, roles...). */
  user: Claims;
  /** Merged into the next ID tokens (e.g. a wrong `aud`, a past `exp`, another `nonce`); reset by `reset()`. */
  idTokenOverrides: Claims;
  /** The next ID tokens are signed with a key the provider never published. */
  forgeIdTokens: boolean;
  /** Codes the token endpoint refused, with the reason (for assertions). */
  refusals: string[];
  /** A signed JWT access token; `forged` signs with a key the provider never published. */
  accessToken(claims: Claims, options?: { forged?: boolean; alg?: 'RS256' | 'none' }): string;
  reset(): void;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: Claims, payload: Claims, key: KeyObject | null): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return key ? `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}` : `${input}.`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An OpenID provider in the test process (node:http + node:crypto, no internet): discovery, JWKS with one RSA key,
 * an authorization endpoint that "logs in" `user` at once and redirects back with a code, and a token endpoint that
 * checks the client secret, the redirect URI and the PKCE verifier, refuses a replayed code and signs the tokens.
 */
export async function startTestOpenIdProvider(): Promise<TestOpenIdProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; nonce: string | null; user: Claims }>();
  const clientId = 'werkbank';
  const clientSecret = 'test-client-secret';
  let issuer = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      }
      if (url.pathname === '/jwks') return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' }] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
          return json(400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('base64url');
        codes.set(code, { clientId, redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge') ?? '', nonce: q.get('nonce'), user: { ...provider.user } });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        if (q.get('state')) back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
        const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
        if (id !== clientId || secret !== clientSecret) return json(401, { error: 'invalid_client' });
        const code = form.get('code') ?? '';
        const grant = codes.get(code);
        codes.delete(code); // a code is good for one exchange only
        const refuse = (reason: string) => {
          provider.refusals.push(reason);
          return json(400, { error: 'invalid_grant', error_description: reason });
        };
        if (!grant) return refuse('unknown or used code');
        if (form.get('redirect_uri') !== grant.redirectUri) return refuse('redirect_uri mismatch');
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (challenge !== grant.challenge) return refuse('PKCE verifier mismatch');
        const now = Math.floor(Date.now() / 1000);
        const base = { iss: issuer, sub: grant.user['sub'], iat: now, exp: now + 300 };
        const idToken = jwt({ alg: 'RS256', typ: 'JWT', kid: 'key-1' }, { ...base, ...grant.user, aud: clientId, ...(grant.nonce ? { nonce: grant.nonce } : {}), ...provider.idTokenOverrides }, provider.forgeIdTokens ? forger : privateKey);
        const accessToken = provider.accessToken({ ...grant.user });
        return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      return json(404, { error: 'not_found' });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: TestOpenIdProvider = {
    issuer,
    clientId,
    clientSecret,
    user: {},
    idTokenOverrides: {},
    forgeIdTokens: false,
    refusals: [],
    accessToken(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, aud: clientId, iat: now, exp: now + 300, client_id: clientId, ...claims };
      if (options.alg === 'none') return jwt({ alg: 'none', typ: 'at+jwt' }, payload, null);
      return jwt({ alg: 'RS256', typ: 'at+jwt', kid: 'key-1' }, payload, options.forged ? forger : privateKey);
    },
    reset() {
      provider.idTokenOverrides = {};
      provider.forgeIdTokens = false;
      provider.refusals = [];
    },
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
  return provider;
}
