/**
 * The benchmark suite of issue 5 (`npm run bench`; `BENCH_SCALE=full` for the sizes). See bench/README.md.
 * One fresh embedded PostgreSQL: reference rates, generator, engine (child process under `node --cpu-prof`), then the
 * real API process for the task list, concurrent claim/complete/assign, memory and the UI; finally event ingestion
 * (route-bench, its own database). `BENCH_ONLY=engine,tasklist,actions,ui,memory,events` runs a subset; memory (API RSS
 * with `memoryActive` instances waiting, engine-started + cloned) runs last on the suite's database, with its own API process.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDataset, SIZES } from './generate';
import { startApiProcess } from './lib/api-process';
import { newestProfile, topFrames } from './lib/cpu-profile';
import { startBenchDatabase } from './lib/database';
import { measurePostgres } from './lib/pg-reference';
import { load, machine } from './lib/stats';
import { benchMemory } from './memory-bench';
import { printSummary } from './summary';
import { benchTaskActions } from './task-actions-bench';
import { benchTaskList, explainTaskQuery } from './task-list-bench';
import { benchUi } from './ui-bench';
import { seedDemoUsers } from '../process-api/src/persistence/seed-demo-users';

const ROOT = process.cwd();
const scale = process.env['BENCH_SCALE'] === 'full' ? 'full' : 'small';
const only = process.env['BENCH_ONLY']?.split(',') ?? null;
const runs = (name: string) => !only || only.includes(name);
/** One failing benchmark is recorded as such; the others still run and report. */
async function phase<T>(name: string, work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    console.error(`${name} failed:`, error);
    return { error: String((error as Error).message ?? error).slice(0, 500) };
  }
}
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s, load ${load()}] ${line}`);
const SETTINGS = {
  small: { engineInstances: 1500, completions: 300, actionSeconds: 6, taskListReps: 12, uiRounds: 2, routeEmployers: 1000, memoryActive: 10_000 },
  full: { engineInstances: 100_000, completions: 10_000, actionSeconds: 30, taskListReps: 40, uiRounds: 5, routeEmployers: 277_000, memoryActive: 100_000 },
}[scale];

async function main(): Promise<void> {
  const dir = resolve(ROOT, 'bench/results');
  const profiles = resolve(ROOT, 'bench/profiles');
  mkdirSync(dir, { recursive: true });
  const results: Record<string, unknown> = {
    at: new Date().toISOString(), scale, machine: machine(),
    commit: execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(), loadAtStart: load(),
  };
  const db = await startBenchDatabase();
  try {
    log('PostgreSQL reference');
    results['postgres'] = { ...(await measurePostgres(db.url, 500)), load: load() };
    await seedDemoUsers(db.dataSource, 'werkbank');
    log(`Generating the ${scale} dataset`);
    results['generator'] = { ...(await generateDataset(db.client, SIZES[scale], log)), load: load() };
    if (runs('engine') || runs('actions')) {
      log(`Engine: ${SETTINGS.engineInstances} instances, ${SETTINGS.completions} completions (node --cpu-prof)`);
      rmSync(profiles, { recursive: true, force: true });
      const out = resolve(dir, 'engine-last.json');
      execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--enable-source-maps', resolve(ROOT, 'dist/bench/engine-bench.mjs'),
        '--url', db.url, '--instances', String(SETTINGS.engineInstances), '--completions', String(SETTINGS.completions), '--out', out,
        // commands in flight: with group commit the engine takes what is queued into one transaction (64: a busy morning)
        '--concurrency', process.env['BENCH_ENGINE_CONCURRENCY'] ?? '64'], { stdio: 'inherit', cwd: ROOT });
      const engine = JSON.parse(readFileSync(out, 'utf8'));
      const profile = newestProfile(profiles);
      results['engine'] = { ...engine, profile, topFramesStart: topFrames(profile, engine.start.window), topFramesComplete: topFrames(profile, engine.complete.window) };
    }
    // BENCH_API_PROFILE=1: a V8 CPU profile of the API process, written to bench/profiles/api when it stops.
    const api = await startApiProcess(ROOT, db.url, process.env['BENCH_API_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profiles, 'api')}`] : []);
    try {
      const rss: Record<string, number> = { afterStart: api.rssMb() };
      let peak = rss['afterStart'];
      const sampler = setInterval(() => (peak = Math.max(peak, api.rssMb())), 200);
      if (runs('tasklist')) {
        log('Task list queries over HTTP');
        const taskList = await benchTaskList(api.baseUrl, SETTINGS.taskListReps, 50);
        const explain: Record<string, string[]> = {};
        for (const name of taskList.slow) explain[name] = await explainTaskQuery(db.client, name);
        results['taskList'] = { ...taskList, explain };
        rss['afterTaskList'] = api.rssMb();
      }
      if (runs('actions')) {
        log('Claim / complete / assign, 100 connections (autocannon)');
        results['taskActions'] = await phase('actions', () => benchTaskActions(api.baseUrl, db.client, SIZES[scale].agents, SETTINGS.actionSeconds));
        rss['afterActions'] = api.rssMb();
      }
      if (runs('ui')) {
        log('UI in Chromium');
        results['ui'] = await phase('ui', () => benchUi(api.baseUrl, Number(process.env['BENCH_UI_ROUNDS'] ?? SETTINGS.uiRounds)));
      }
      clearInterval(sampler);
      const [waiting] = (await db.client.query(`SELECT (SELECT count(*) FROM process_instance WHERE state = 'ACTIVE')::int AS active_instances,
        (SELECT count(*) FROM timer)::int AS timers, (SELECT count(*) FROM message_subscription)::int AS message_subscriptions`)).rows;
      results['memory'] = { ...rss, peakMb: peak, end: api.rssMb(), ...waiting, load: load() };
    } finally {
      await api.stop();
    }
    if (runs('memory')) {
      // last on this database: the clones would change what the task list and the actions above measure
      results['memoryActive'] = await phase('memory', () => benchMemory({ root: ROOT, db, target: SETTINGS.memoryActive, engineSeed: 300, operations: 300, log }));
    }
    if (process.env['BENCH_KEEP_DB']) {
      // for looking at plans by hand: the database stays up until this process is stopped (Ctrl+C)
      log(`BENCH_KEEP_DB: the database stays up at ${db.url} until Ctrl+C`);
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
    }
  } finally {
    await db.stop();
  }
  if (runs('events')) {
    log(`Event ingestion (route-bench, ${SETTINGS.routeEmployers} employers, 1 % duplicates)`);
    const out = resolve(dir, 'route-last.json');
    execFileSync(process.execPath, ['--enable-source-maps', resolve(ROOT, 'dist/bench/route-bench.mjs'), '--employers', String(SETTINGS.routeEmployers), '--duplicates', '0.01', '--out', out], { stdio: 'inherit', cwd: ROOT });
    results['events'] = { ...JSON.parse(readFileSync(out, 'utf8')), load: load() };
  }
  results['totalSeconds'] = Math.round((performance.now() - t0) / 1000);
  const file = resolve(dir, `suite-${scale}-${String(results['at']).replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(resolve(dir, `latest-${scale}.json`), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(results);
  console.log(`Result: ${file} (and bench/results/latest-${scale}.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
