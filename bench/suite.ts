/**
 * The benchmark suite of issue 5 (`npm run bench`; `BENCH_SCALE=full` for the sizes). See bench/README.md.
 * One fresh embedded PostgreSQL; generator; engine (child process, CPU-profiled); the real API process for the task
 * list, concurrent claim/complete/assign, memory and the UI; event ingestion (route-bench, its own database).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDataset, SIZES } from './generate';
import { startApiProcess } from './lib/api-process';
import { startBenchDatabase } from './lib/database';
import { measurePostgres } from './lib/pg-reference';
import { load, machine } from './lib/stats';
import { benchTaskList, explainTaskQuery } from './task-list-bench';
import { seedDemoUsers } from '../process-api/src/persistence/seed-demo-users';
import { execSync } from 'node:child_process';

const ROOT = process.cwd();
const scale = process.env['BENCH_SCALE'] === 'full' ? 'full' : 'small';
const only = process.env['BENCH_ONLY']?.split(',') ?? null;
const runs = (name: string) => !only || only.includes(name);
const log = (line: string) => console.log(`[${((performance.now()) / 1000).toFixed(1)} s, load ${load()}] ${line}`);

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    at: new Date().toISOString(), scale, machine: machine(),
    commit: execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(), loadAtStart: load(),
  };
  const db = await startBenchDatabase();
  try {
    log('PostgreSQL reference');
    results['postgres'] = { ...(await measurePostgres(db.url, 500)), load: load() };
    await seedDemoUsers(db.dataSource, 'werkbank');
    log(`Generating ${scale} dataset`);
    results['generator'] = { ...(await generateDataset(db.client, SIZES[scale], log)), load: load() };
    const api = await startApiProcess(ROOT, db.url);
    try {
      results['apiRssAfterStartMb'] = api.rssMb();
      if (runs('tasklist')) {
        log('Task list queries');
        const taskList = await benchTaskList(api.baseUrl, scale === 'full' ? 40 : 20, 50);
        const explain: Record<string, string[]> = {};
        for (const name of taskList.slow) explain[name] = await explainTaskQuery(db.client, name);
        results['taskList'] = { ...taskList, explain };
      }
      results['apiRssAfterBenchMb'] = api.rssMb();
    } finally {
      await api.stop();
    }
  } finally {
    await db.stop();
  }
  const dir = resolve(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `suite-${scale}-${String(results['at']).replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2).slice(0, 6000));
  console.log(`Result: ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
