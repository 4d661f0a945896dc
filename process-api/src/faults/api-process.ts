import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const BUNDLE = join(ROOT, 'dist/process-api/main.mjs');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** One API process of the built bundle (dist/process-api/main.mjs), on a database the test owns. */
export class ApiProcess {
  private output = '';
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((ok) => child.once('exit', (code) => ok(code)));
  }

  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run the faults through \`npm run test:faults\` (it builds the API first)`);
    const port = await freePort();
    const child = spawn(process.execPath, [BUNDLE], {
      cwd: ROOT,
      env: {
        ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), WERKBANK_DEMO_CASES: 'false',
        WERKBANK_DATA_DIR: mkdtempSync(join(tmpdir(), 'werkbank-faults-')), NODE_ENV: 'test', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    await api.waitHealthy();
    return api;
  }

  private async waitHealthy(timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null) throw new Error(`API process exited with ${this.child.exitCode}:\n${this.output}`);
      const ok = await fetch(`${this.baseUrl}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`API process not healthy after ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hook runs, in-flight requests and transactions die with the process. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    if (code === 'timeout') await this.kill();
  }

  log(): string {
    return this.output;
  }
}

/** A bearer token of a demo account (demo mode seeds them on the first start). */
export async function bearer(baseUrl: string, username = 'admin', password = 'werkbank'): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login answered no token: ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.token}` };
}
