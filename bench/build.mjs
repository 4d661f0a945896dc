// Bundles the benchmarks like the API (process-api/esbuild-node.mjs).
import { build } from 'esbuild';
import { nodeBundle } from '../process-api/esbuild-node.mjs';

await build(nodeBundle({
  'route-bench': 'bench/route-bench.ts',
  'engine-bench': 'bench/engine-bench.ts',
  suite: 'bench/suite.ts',
}, 'dist/bench'));
