// Starts the built product on a fresh embedded database for the browser tests.
import { rmSync } from 'node:fs';
import { spawn } from 'node:child_process';

rmSync(process.env.WERKBANK_DATA_DIR ?? 'tmp/e2e-data', { recursive: true, force: true });
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/process-api/main.mjs'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
