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
  /** Security headers, CSRF origins, proxies and login lock-out (see README "Configuration"). */
  security: { hsts: boolean; allowedOrigins: string[]; trustProxy: boolean | number | string };
  loginThrottle: { accountMaxFailures: number; addressMaxFailures: number; windowMs: number; lockMs: number };
  /** How long a graceful shutdown waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  /** OpenID Connect (WERKBANK_OIDC_*); null: local accounts only. */
  oidc: OidcSettings | null;
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
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
    security: {
      // HSTS only makes sense (and only is safe to send) when users reach the product over HTTPS
      hsts: env['WERKBANK_HSTS'] ? env['WERKBANK_HSTS'] === 'true' : production,
      allowedOrigins: (env['WERKBANK_ALLOWED_ORIGINS'] ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      trustProxy: trustProxy(env['WERKBANK_TRUST_PROXY']),
    },
    loginThrottle: {
      accountMaxFailures: positiveNumber(env['WERKBANK_LOGIN_MAX_FAILURES'], 5),
      addressMaxFailures: positiveNumber(env['WERKBANK_LOGIN_MAX_FAILURES_PER_ADDRESS'], 20),
      windowMs: positiveNumber(env['WERKBANK_LOGIN_WINDOW_MINUTES'], 15) * 60_000,
      lockMs: positiveNumber(env['WERKBANK_LOGIN_LOCK_MINUTES'], 15) * 60_000,
    },
    shutdownTimeoutMs: positiveNumber(env['WERKBANK_SHUTDOWN_TIMEOUT_MS'], 10_000),
    oidc: readOidcSettings(env, production),
  };
}
