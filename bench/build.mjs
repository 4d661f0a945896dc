// Bundles the benchmarks like the API (process-api/build.mjs): ESM, npm packages external, JSON of packages inlined.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bundleJson = {
  name: 'bundle-json',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) }));
  },
};

await build({
  entryPoints: { 'route-bench': 'bench/route-bench.ts' },
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'process-api/tsconfig.app.json',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [bundleJson],
  logLevel: 'warning',
});
