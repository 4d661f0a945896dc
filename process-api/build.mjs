// Bundles the API and its command-line tools into ESM files under dist/process-api; npm packages stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
  logLevel: 'warning',
});
