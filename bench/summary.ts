/** The short table of a suite result: figure, physical reference in the same run, target, met, load average. */
type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result JSON, read loosely

const met = (ok: boolean | null) => (ok === null ? '–' : ok ? 'met' : 'NOT met');
const n = (v: number | undefined) => (v === undefined ? '?' : v.toLocaleString('en-US'));
const ratio = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(0)} %` : '');

export function summaryRows(r: R): string[][] {
  const rows: string[][] = [];
  const pg = r['postgres'] as R | undefined;
  const g = r['generator'] as R | undefined;
  if (g) {
    const tasks = g['steps'].find((s: R) => s.table === 'user_task');
    const idx = g['steps'].find((s: R) => String(s.table).startsWith('user_task indexes'));
    rows.push(['Generator: user_task rows', `${n(tasks?.rowsPerSecond)} rows/s (${n(tasks?.rows)} rows, +${n(idx?.ms)} ms indexes); all tables ${n(g['totalMs'])} ms`,
      `bare UNLOGGED table, no index: ${n(Math.round((tasks?.rows * 1000) / g['taskRowsBareMs']))} rows/s`, '–', '–', String(g['load'])]);
  }
  const ev = r['events'] as R | undefined;
  if (ev) {
    rows.push(['Events ingested + routed', `${n(ev['routing'].eventsPerSecond)} events/s (${n(ev['input'].accepted)} events, ${n(ev['input'].duplicates)} duplicates ignored)`,
      `${n(ev['postgres'].commitsPerSecond)} commits/s (1 client): ${ratio(ev['routing'].eventsPerSecond, ev['postgres'].commitsPerSecond)}`, '>= 1,000/s', met(ev['routing'].eventsPerSecond >= 1000), String(ev['load'])]);
    rows.push(['Events intake only (HTTP batches)', `${n(ev['intake'].eventsPerSecond)} events/s`, '', '', '', String(ev['load'])]);
  }
  const e = r['engine'] as R | undefined;
  if (e && pg) {
    rows.push(['Engine: start -> first user task', `${n(e['start'].perSecond)} instances/s (${n(e['start'].instances)}, ${e['concurrency']} concurrent; ${e['start'].statementsPerInstance} SQL statements, ${e['start'].commitsPerInstance} commits each)`,
      `${n(pg['commitsPerSecond6Clients'])} commits/s (6 clients): ${ratio(e['start'].perSecond, pg['commitsPerSecond6Clients'])}`, '>= 1,000/s', met(e['start'].perSecond >= 1000), String(e['start'].load)]);
    rows.push(['Engine: user-task completions', `${n(e['complete'].perSecond)} completions/s (${n(e['complete'].completions)}; ${e['complete'].statementsPerCompletion} SQL statements, ${e['complete'].commitsPerCompletion} commits each)`,
      `${ratio(e['complete'].perSecond, pg['commitsPerSecond6Clients'])} of the commit rate`, '>= 500/s', met(e['complete'].perSecond >= 500), String(e['complete'].load)]);
  }
  const tl = r['taskList'] as R | undefined;
  if (tl) {
    const worst = [...tl['queries']].sort((a: R, b: R) => b.p95 - a.p95)[0];
    const rowsTotal = r['generator']?.['size']?.tasks;
    rows.push([`Task list, ${tl['queries'].length} queries, ${n(rowsTotal)} rows`, `p50 ${tl['overall'].p50} / p95 ${tl['overall'].p95} / p99 ${tl['overall'].p99} ms; worst p95 ${worst.p95} ms (${worst.name})`,
      pg ? `PG round trip ${pg['roundTripMs']} ms` : '', 'p95 <= 50 ms', met(tl['overall'].p95 <= 50 && tl['slow'].length === 0), String(worst.load)]);
  }
  const ta = r['taskActions'] as R | undefined;
  if (ta && !ta['error']) {
    const pc = ta['claimCompletePaced'];
    if (pc) {
      rows.push([`Claim + complete, 100 users at ${pc.requestsPerUserPerSecond} request/s each`, `p95 ${pc.p95} ms (claim ${pc.byKind.claim.p95}, complete ${pc.byKind.complete.p95}); ${n(pc.perSecond)} req/s; ${pc.expected409} expected 409; ${pc.errors} errors`,
        '', 'p95 <= 50 ms, 0 errors', met(pc.requests > 0 && pc.p95 <= 50 && pc.errors === 0 && !pc.ranOutOfTasks), String(pc.load)]);
    }
    const cc = ta['claimComplete'];
    const ok = cc.requests > 0 && cc.p95 <= 50 && cc.errors === 0; // no answer at all is no success
    rows.push(['Claim + complete, 100 users without pause (saturation)', `p95 ${cc.p95} ms (claim ${cc.byKind.claim.p95}, complete ${cc.byKind.complete.p95}); ${n(cc.perSecond)} req/s; ${cc.expected409} expected 409; ${cc.errors} errors`, '', 'p95 <= 50 ms, 0 errors', met(ok), String(cc.load)]);
    const as = ta['assign'];
    rows.push(['Assign by team leads, 100 connections', `p95 ${as.p95} ms; ${n(as.perSecond)} req/s; ${as.expected409} expected 409; ${as.errors} errors`, '', 'p95 <= 50 ms', met(as.requests > 0 && as.p95 <= 50 && as.errors === 0), String(as.load)]);
  }
  const m = r['memory'] as R | undefined;
  if (m) {
    rows.push(['API resident memory (RSS)', `peak ${m['peakMb']} MB, after start ${m['afterStart']} MB, ${n(m['active_instances'])} active instances (${n(m['timers'])} timers, ${n(m['message_subscriptions'])} message subscriptions)`,
      '', '<= 500 MB at 100,000 active', met(m['peakMb'] <= 500 && m['active_instances'] >= 100_000 ? true : m['peakMb'] > 500 ? false : null), String(m['load'])]);
  }
  const ma = r['memoryActive'] as R | undefined;
  if (ma && !ma['error']) {
    const active = ma['waitingAtStart'].active_instances;
    rows.push([`API RSS with ${n(active)} active instances (${n(ma['engineStarted'])} engine-started + ${n(ma['cloned'])} cloned)`,
      `peak ${ma['rssMb'].peak} MB, steady ${ma['rssMb'].steady} MB, after start ${ma['rssMb'].afterStart} MB; ${n(ma['waitingAtStart'].timers)} timers, ${n(ma['waitingAtStart'].message_subscriptions)} subscriptions; `
      + `${ma['proof'].completed_moved_to_second_task}/${ma['claimComplete'].tasks} clones completed over HTTP, ${ma['proof'].paid_instances_completed}/${ma['messages'].sent} ended by bench.paid`,
      '', '<= 500 MB at 100,000 active', met(ma['rssMb'].peak > 500 ? false : active >= 100_000 ? true : null), String(ma['load'])]);
  }
  const ui = r['ui'] as R | undefined;
  if (ui && !ui['error']) {
    rows.push(['UI: team queue usable (Chromium)', `cold ${ui['coldMs'].p50} ms (max ${ui['coldMs'].max}), warm ${ui['warmMs'].p50} ms; queue "${ui['queue']}"`, '', '<= 1,500 ms', met(ui['coldMs'].max <= 1500), String(ui['load'])]);
  }
  return rows;
}

export function markdownTable(r: R): string {
  const head = ['', 'figure', 'physical reference (same run)', 'target', '', 'load avg'];
  return [head, head.map(() => '---'), ...summaryRows(r)].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

export function printSummary(r: R): void {
  console.log(`\nWerkbank benchmark, scale ${r['scale']}, commit ${r['commit']}, ${r['machine']?.cpus} CPUs (${r['machine']?.model}), ${r['machine']?.node}, ${r['totalSeconds']} s, load at start ${r['loadAtStart']}\n`);
  console.log(markdownTable(r));
  const e = r['engine'] as R | undefined;
  if (e) {
    console.log('\nEngine CPU profile, top frames by self time (start phase):');
    for (const f of e['topFramesStart'].slice(0, 8)) console.log(`  ${String(f.percent).padStart(5)} %  ${f.frame}`);
    console.log('Engine CPU profile, top frames by self time (completion phase):');
    for (const f of e['topFramesComplete'].slice(0, 8)) console.log(`  ${String(f.percent).padStart(5)} %  ${f.frame}`);
  }
}
