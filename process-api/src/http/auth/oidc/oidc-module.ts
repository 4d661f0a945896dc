import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { AuthenticateBearerUseCase, type TokenAuthenticator } from '../../../application/auth/oidc/authenticate-bearer.use-case';
import { FinishOidcLoginUseCase } from '../../../application/auth/oidc/finish-oidc-login.use-case';
import type { OidcSettings } from '../../../application/auth/oidc/oidc-settings';
import { StartOidcLoginUseCase } from '../../../application/auth/oidc/start-oidc-login.use-case';
import { AuditLogRepository } from '../../../persistence/audit-log.repository';
import { OidcUserRepository, PendingLoginRepository } from '../../../persistence/oidc.repository';
import { SessionRepository } from '../../../persistence/session.repository';
import { UserRepository } from '../../../persistence/user.repository';
import { oidcRoutes } from '../oidc.routes';
import { JwtAccessTokenVerifier } from './jwt-access-token-verifier';
import { OpenIdClientProvider } from './openid-client-provider';

export interface OidcModule {
  /** /auth/config always; the OIDC login routes when configured. Mount under /api before the password login. */
  routes: Router;
  /** Wraps the session-token authenticator so that JWT bearer access tokens of the issuer are accepted too. */
  withBearerTokens(sessions: TokenAuthenticator): TokenAuthenticator;
  /** Whether local passwords (the login form, HTTP Basic on /v2) are accepted. */
  localLogin: boolean;
}

/** Wires OpenID Connect from its settings (null: local accounts only, nothing changes). */
export function oidcModule(settings: OidcSettings | null, dataSource: DataSource, production: boolean): OidcModule {
  if (!settings) {
    return { routes: oidcRoutes({ settings: null, start: null, finish: null, production }), withBearerTokens: (s) => s, localLogin: true };
  }
  const provider = new OpenIdClientProvider(settings);
  const pending = new PendingLoginRepository(dataSource);
  const users = new OidcUserRepository(dataSource);
  const profiles = new UserRepository(dataSource);
  const verifier = new JwtAccessTokenVerifier({ issuer: settings.issuer, audience: settings.audience, jwksUri: () => provider.jwksUri() });
  const finish = new FinishOidcLoginUseCase({
    provider, pending, users, profiles, settings,
    sessions: new SessionRepository(dataSource),
    audit: new AuditLogRepository(dataSource),
  });
  return {
    routes: oidcRoutes({ settings, start: new StartOidcLoginUseCase(provider, pending), finish, production }),
    withBearerTokens: (sessions) => new AuthenticateBearerUseCase(sessions, verifier, users, profiles, settings),
    localLogin: settings.localLogin,
  };
}

