// Bundles the API and its command-line tools into ESM files under dist/process-api; npm packages stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// JSON files of packages (e.g. zeebe-bpmn-moddle's schema) are bundled: Node's ESM loader refuses them without import attributes.
const bundleJson = {
  name: 'bundle-json',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) }));
  },
};

rmSync('dist/process-api', { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'process-api/src/main.ts',
    'cli/send-events': 'process-api/src/cli/send-events.ts',
    'cli/demo-events': 'process-api/src/cli/demo-events.ts',
  },
  outdir: 'dist/process-api',
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
