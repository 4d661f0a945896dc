import { z } from 'zod';
import { roleSchema, type Role } from '@werkbank/shared';

/** What one value of the roles claim grants: Werkbank roles, candidate groups and teams (a team-lead leads its teams). */
export const roleMapEntrySchema = z
  .object({
    roles: z.array(roleSchema).default([]),
    groups: z.array(z.string().min(1).max(100)).default([]),
    teams: z.array(z.string().min(1).max(100)).default([]),
  })
  .strict();
export type RoleMapEntry = z.infer<typeof roleMapEntrySchema>;

const roleMapSchema = z.record(z.string().min(1), roleMapEntrySchema);

/** Used when WERKBANK_OIDC_ROLE_MAP is not set: one provider group per Werkbank role, no candidate groups or teams. */
export const DEFAULT_ROLE_MAP: Record<string, RoleMapEntry> = {
  'werkbank-agent': { roles: ['agent'], groups: [], teams: [] },
  'werkbank-team-lead': { roles: ['team-lead'], groups: [], teams: [] },
  'werkbank-designer': { roles: ['designer'], groups: [], teams: [] },
  'werkbank-admin': { roles: ['admin'], groups: [], teams: [] },
};

/** OpenID Connect settings (all from WERKBANK_OIDC_* environment variables; see docs/oidc.md). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE alone, no client authentication). */
  clientSecret: string | null;
  /** Must be registered at the provider: <Werkbank URL>/api/auth/oidc/callback. */
  redirectUri: string;
  scopes: string;
  usernameClaim: string;
  displayNameClaim: string;
  /** A claim name or a dotted path (`realm_access.roles` for Keycloak). */
  rolesClaim: string;
  roleMap: Record<string, RoleMapEntry>;
  /** Expected `aud` of bearer access tokens (defaults to the client id). */
  audience: string;
  /** Label of the login page's button ("Sign in with <providerName>"). */
  providerName: string;
  /** Where the browser goes after a successful login (a path of this Werkbank, never another site). */
  postLoginPath: string;
  /** Local password login (and HTTP Basic on /v2) stays available unless WERKBANK_LOCAL_LOGIN=false. */
  localLogin: boolean;
}

export class OidcConfigurationError extends Error {
  readonly code = 'OIDC_CONFIGURATION';
  constructor(message: string) {
    super(`OpenID Connect configuration: ${message}`);
    this.name = 'OidcConfigurationError';
  }
}

/** Null when WERKBANK_OIDC_ISSUER is not set (local accounts only); throws on an incomplete or unsafe configuration. */
export function readOidcSettings(env: NodeJS.ProcessEnv, production: boolean): OidcSettings | null {
  const localLogin = env['WERKBANK_LOCAL_LOGIN'] !== 'false';
  const issuer = env['WERKBANK_OIDC_ISSUER'];
  if (!issuer) {
    if (!localLogin) throw new OidcConfigurationError('WERKBANK_LOCAL_LOGIN=false needs WERKBANK_OIDC_ISSUER, or nobody could log in');
    return null;
  }
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new OidcConfigurationError(`${name} is required when WERKBANK_OIDC_ISSUER is set`);
    return value;
  };
  const clientId = required('WERKBANK_OIDC_CLIENT_ID');
  const redirectUri = required('WERKBANK_OIDC_REDIRECT_URI');
  for (const [name, url] of [['WERKBANK_OIDC_ISSUER', issuer], ['WERKBANK_OIDC_REDIRECT_URI', redirectUri]]) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new OidcConfigurationError(`${name} is not a URL: ${url}`);
    }
    // Plain HTTP only towards this machine (a test or local provider), never in production.
    if (parsed.protocol !== 'https:' && (production || !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname))) {
      throw new OidcConfigurationError(`${name} must use https`);
    }
  }
  let roleMap = DEFAULT_ROLE_MAP;
  if (env['WERKBANK_OIDC_ROLE_MAP']) {
    let json: unknown;
    try {
      json = JSON.parse(env['WERKBANK_OIDC_ROLE_MAP']);
    } catch (e) {
      throw new OidcConfigurationError(`WERKBANK_OIDC_ROLE_MAP is not JSON: ${(e as Error).message}`);
    }
    const parsed = roleMapSchema.safeParse(json);
    if (!parsed.success) throw new OidcConfigurationError(`WERKBANK_OIDC_ROLE_MAP: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    roleMap = parsed.data;
  }
  const postLoginPath = env['WERKBANK_OIDC_POST_LOGIN_PATH'] || '/';
  if (!/^\/(?!\/)/.test(postLoginPath)) throw new OidcConfigurationError('WERKBANK_OIDC_POST_LOGIN_PATH must be a path starting with a single /');
  return {
    issuer,
    clientId,
    clientSecret: env['WERKBANK_OIDC_CLIENT_SECRET'] || null,
    redirectUri,
    scopes: env['WERKBANK_OIDC_SCOPES'] || 'openid profile email',
    usernameClaim: env['WERKBANK_OIDC_USERNAME_CLAIM'] || 'preferred_username',
    displayNameClaim: env['WERKBANK_OIDC_DISPLAY_NAME_CLAIM'] || 'name',
    rolesClaim: env['WERKBANK_OIDC_ROLES_CLAIM'] || 'roles',
    roleMap,
    audience: env['WERKBANK_OIDC_AUDIENCE'] || clientId,
    providerName: env['WERKBANK_OIDC_PROVIDER_NAME'] || 'OpenID Connect',
    postLoginPath,
    localLogin,
  };
}

export type { Role };
