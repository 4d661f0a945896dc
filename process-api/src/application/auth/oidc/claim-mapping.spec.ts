import { mapClaims } from './claim-mapping';
import { DEFAULT_ROLE_MAP, readOidcSettings } from './oidc-settings';

const settings = {
  usernameClaim: 'preferred_username',
  displayNameClaim: 'name',
  rolesClaim: 'realm_access.roles',
  roleMap: {
    'wb-inspectors': { roles: ['agent' as const], groups: ['inspectors'], teams: ['inspection'] },
    'wb-inspection-lead': { roles: ['team-lead' as const], groups: ['inspectors', 'inspection-leads'], teams: ['inspection'] },
  },
};

describe('claim mapping', () => {
  it('should take roles from a nested claim and unite every matching entry', () => {
    // given a Keycloak-style token of an inspection lead who is also an inspector
    const claims = { sub: 's1', preferred_username: 'an.desmet', name: 'An De Smet', realm_access: { roles: ['wb-inspectors', 'wb-inspection-lead', 'offline_access'] } };
    // when mapped
    const identity = mapClaims(claims, settings);
    // then roles, groups and teams are the union; a team-lead leads its teams
    expect(identity).toEqual({
      subject: 's1', username: 'an.desmet', displayName: 'An De Smet', language: 'nl',
      roles: ['agent', 'team-lead'], groups: ['inspection-leads', 'inspectors'], teams: [{ id: 'inspection', lead: true }],
    });
  });

  it('should accept a space separated roles string and ignore inherited object keys', () => {
    // given roles as one string, one of them "constructor"
    const identity = mapClaims({ sub: 's', preferred_username: 'u1', roles: 'constructor werkbank-designer' }, { ...settings, rolesClaim: 'roles', roleMap: DEFAULT_ROLE_MAP });
    // then only the mapped value counts
    expect(identity.roles).toEqual(['designer']);
  });

  it('should refuse a token without a usable user name', () => {
    expect(() => mapClaims({ sub: 's', preferred_username: 'a b/c', realm_access: { roles: ['wb-inspectors'] } }, settings)).toThrow(expect.objectContaining({ code: 'OIDC_ACCOUNT_CONFLICT' }));
  });
});

describe('OpenID Connect settings', () => {
  const base = { WERKBANK_OIDC_ISSUER: 'https://login.example.be/realms/rsz', WERKBANK_OIDC_CLIENT_ID: 'werkbank', WERKBANK_OIDC_REDIRECT_URI: 'https://werkbank.example.be/api/auth/oidc/callback' };

  it('should be off without an issuer, and refuse to disable passwords then', () => {
    expect(readOidcSettings({}, true)).toBeNull();
    expect(() => readOidcSettings({ WERKBANK_LOCAL_LOGIN: 'false' }, true)).toThrow(/needs WERKBANK_OIDC_ISSUER/);
  });

  it('should default the claims, scopes and audience', () => {
    expect(readOidcSettings(base, true)).toMatchObject({ scopes: 'openid profile email', usernameClaim: 'preferred_username', rolesClaim: 'roles', audience: 'werkbank', localLogin: true, roleMap: DEFAULT_ROLE_MAP, clientSecret: null });
  });

  it('should refuse plain http in production and a role map naming an unknown role', () => {
    expect(() => readOidcSettings({ ...base, WERKBANK_OIDC_ISSUER: 'http://127.0.0.1:8080' }, true)).toThrow(/must use https/);
    expect(() => readOidcSettings({ ...base, WERKBANK_OIDC_ROLE_MAP: '{"g":{"roles":["boss"]}}' }, true)).toThrow(/WERKBANK_OIDC_ROLE_MAP: g.roles.0/);
    expect(() => readOidcSettings({ ...base, WERKBANK_OIDC_POST_LOGIN_PATH: '//evil.example' }, true)).toThrow(/single \//);
  });
});
