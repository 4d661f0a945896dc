import { readOidcSettings, type OidcSettings } from './application/auth/oidc/oidc-settings';

/** Configuration from the environment only (12-factor). */
export interface Config {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  production: boolean;
  /** Demo/test mode: demo accounts, the controllable clock. Never in production. */
  demo: boolean;
  demoPassword: string;
  /** First start in demo mode loads a demo quarter of events (WERKBANK_DEMO_CASES=false skips it). */
  demoCases: boolean;
  uiDir: string;
  /** First real administrator (WERKBANK_ADMIN_USER / WERKBANK_ADMIN_PASSWORD), created when the name is free. */
  administrator: { username: string; password: string } | null;
  modelsDir: string;
  /** OpenID Connect (WERKBANK_OIDC_*); null: local accounts only. */
  oidc: OidcSettings | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env['NODE_ENV'] === 'production';
  return {
    port: env['PORT'] ? Number(env['PORT']) : 3000,
    databaseUrl: env['DATABASE_URL'] || null,
    dataDir: env['WERKBANK_DATA_DIR'] || '.werkbank',
    production,
    demo: !production && env['WERKBANK_DEMO'] !== 'false',
    demoPassword: env['WERKBANK_DEMO_PASSWORD'] || 'werkbank',
    demoCases: env['WERKBANK_DEMO_CASES'] !== 'false',
    uiDir: env['WERKBANK_UI_DIR'] || 'dist/workbench-ui/browser',
    administrator: env['WERKBANK_ADMIN_PASSWORD'] ? { username: env['WERKBANK_ADMIN_USER'] || 'admin', password: env['WERKBANK_ADMIN_PASSWORD'] } : null,
    modelsDir: env['WERKBANK_MODELS_DIR'] || 'bpmn-models',
    oidc: readOidcSettings(env, production),
  };
}
