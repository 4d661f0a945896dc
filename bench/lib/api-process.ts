import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  /** Resident set size of the API process now, in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => r(port));
    });
  });
}

/** The real API (dist/process-api/main.mjs) against the bench database, serving the built UI. */
export async function startApiProcess(root: string, databaseUrl: string, extraArgs: string[] = []): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, resolve(root, 'dist/process-api/main.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), WERKBANK_DEMO_CASES: 'false', WERKBANK_UI_DIR: resolve(root, 'dist/workbench-ui/browser') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ok, fail) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Werkbank is ready')) ok();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => fail(new Error(`API exited with ${code}:\n${output}`)));
  });
  const pid = child.pid as number;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    rssMb() {
      let status = '';
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        return 0; // already gone
      }
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    async stop() {
      child.removeAllListeners('exit');
      await new Promise<void>((r) => {
        child.on('exit', () => r());
        child.kill('SIGTERM');
        // The graceful shutdown waits for open keep-alive connections; the benchmark does not need to.
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}

export async function login(baseUrl: string, username: string, password = 'werkbank'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} failed with ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
