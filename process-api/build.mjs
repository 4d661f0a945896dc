// Bundles the API and its command-line tools into ESM files under dist/process-api; npm packages stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { nodeBundle } from './esbuild-node.mjs';

rmSync('dist/process-api', { recursive: true, force: true });
await build(
  nodeBundle(
    {
      main: 'process-api/src/main.ts',
      'cli/send-events': 'process-api/src/cli/send-events.ts',
      'cli/demo-events': 'process-api/src/cli/demo-events.ts',
    },
    'dist/process-api',
  ),
);
