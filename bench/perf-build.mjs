// Bundles the perf micro benchmark (bench/perf-engine.ts) like the API.
import { build } from 'esbuild';
import { nodeBundle } from '../process-api/esbuild-node.mjs';

await build(nodeBundle({ 'perf-engine': 'bench/perf-engine.ts' }, 'dist/bench'));
