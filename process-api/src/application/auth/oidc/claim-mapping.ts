import type { Language, Role } from '@werkbank/shared';
import { OidcRefusedError } from './oidc-errors';
import type { OidcSettings } from './oidc-settings';

export type Claims = Record<string, unknown>;

/** A Werkbank user as the provider describes it; the provider is authoritative for roles, groups and teams. */
export interface OidcIdentity {
  subject: string;
  username: string;
  displayName: string;
  language: Language;
  roles: Role[];
  groups: string[];
  teams: { id: string; lead: boolean }[];
}

const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;

/** A claim by name, or by dotted path into nested objects (`realm_access.roles`). */
export function claimAt(claims: Claims, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Claims)[key] : undefined), claims);
}

/** Claim values as strings: an array, or one space/comma separated string (some providers send scopes-like lists). */
function valuesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * Maps verified claims to a Werkbank identity through the role map (the union over every matching claim value).
 * A login whose claims map to no role is refused: an account without a role could do nothing but would exist.
 */
export function mapClaims(claims: Claims, settings: Pick<OidcSettings, 'usernameClaim' | 'displayNameClaim' | 'rolesClaim' | 'roleMap'>, fallbackUsernameClaims: string[] = []): OidcIdentity {
  const subject = typeof claims['sub'] === 'string' ? claims['sub'] : '';
  const username = [settings.usernameClaim, ...fallbackUsernameClaims].map((c) => claimAt(claims, c)).find((v): v is string => typeof v === 'string' && v !== '');
  if (!username || !USERNAME.test(username)) {
    throw new OidcRefusedError('OIDC_ACCOUNT_CONFLICT', `the token has no usable user name in the claim ${settings.usernameClaim}`);
  }
  const roles = new Set<Role>();
  const groups = new Set<string>();
  const teams = new Set<string>();
  for (const value of valuesOf(claimAt(claims, settings.rolesClaim))) {
    const entry = Object.prototype.hasOwnProperty.call(settings.roleMap, value) ? settings.roleMap[value] : undefined;
    if (!entry) continue;
    entry.roles.forEach((r) => roles.add(r));
    entry.groups.forEach((g) => groups.add(g));
    entry.teams.forEach((t) => teams.add(t));
  }
  if (roles.size === 0) throw new OidcRefusedError('OIDC_NO_ROLE', `no value of the claim ${settings.rolesClaim} maps to a Werkbank role`);
  const name = claimAt(claims, settings.displayNameClaim);
  const locale = typeof claims['locale'] === 'string' ? claims['locale'].slice(0, 2).toLowerCase() : '';
  const lead = roles.has('team-lead');
  return {
    subject: subject || username,
    username,
    displayName: typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 200) : username,
    language: locale === 'fr' || locale === 'en' ? locale : 'nl',
    roles: [...roles].sort(),
    groups: [...groups].sort(),
    teams: [...teams].sort().map((id) => ({ id, lead })),
  };
}
