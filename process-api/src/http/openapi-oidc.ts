/** The OpenAPI description of the login configuration and OpenID Connect routes, merged into the one document. */
import { mergeOpenApi, type OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const redirect = (description: string) => ({ description, headers: { location: { schema: { type: 'string' } } } });

const schemas: Json = {
  AuthConfig: {
    type: 'object',
    required: ['localLogin', 'oidc'],
    properties: {
      localLogin: { type: 'boolean', description: 'Whether the password form (and HTTP Basic on /v2) is accepted' },
      oidc: {
        type: ['object', 'null'],
        required: ['providerName', 'loginUrl'],
        properties: { providerName: { type: 'string' }, loginUrl: { type: 'string', description: 'Navigate the browser here (not an XHR)' } },
      },
    },
  },
};

const paths: Json = {
  '/api/auth/config': {
    get: {
      summary: 'What the login page offers: password form, OpenID Connect provider, or both (no login needed)',
      responses: { '200': { description: 'The login options', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuthConfig' } } } } },
    },
  },
  '/api/auth/oidc/login': {
    get: {
      summary: 'Starts an OpenID Connect login (authorization code + PKCE): redirects the browser to the provider',
      description: 'Sets the httpOnly cookie wb_oidc_state. Only when WERKBANK_OIDC_ISSUER is configured (404 otherwise).',
      responses: { '302': redirect('To the provider; to /login?error=OIDC_PROVIDER_UNAVAILABLE when it cannot be reached') },
    },
  },
  '/api/auth/oidc/callback': {
    get: {
      summary: "The provider's redirect back: exchanges the code, starts the session (cookie wb_session), redirects to the UI",
      parameters: [
        { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'state', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '302': redirect('To WERKBANK_OIDC_POST_LOGIN_PATH with the session cookie, or to /login?error=<OIDC_LOGIN_FAILED|OIDC_NO_ROLE|OIDC_ACCOUNT_CONFLICT>'),
      },
    },
  },
};

/** Adds the login configuration and OpenID Connect routes to the document (idempotent). */
export function describeOidcRoutes(document: OpenApiDocument): OpenApiDocument {
  mergeOpenApi(document, { paths, schemas });
  return document;
}
