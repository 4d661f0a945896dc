import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** The newest .cpuprofile in a folder (what `node --cpu-prof --cpu-prof-dir` wrote). */
export function newestProfile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  return resolve(dir, files[files.length - 1]);
}

/**
 * Top frames by self time within a window of hrtime microseconds (V8 profile timestamps use the same monotonic
 * clock), grouped by function and file; `(idle)` is time the thread waited (for PostgreSQL, mostly).
 */
export function topFrames(file: string, window: { from: number; to: number } | null, top = 12) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (window && (at < window.from || at > window.to)) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist|src)\//, '$1/');
    const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([frame, us]) => ({ frame, ms: Math.round(us / 1000), percent: Number(((100 * us) / Math.max(total, 1)).toFixed(1)) }));
}
