// The one esbuild set-up for Node bundles of the API's code (the API itself, its CLIs, the benchmarks):
// ESM, npm packages external, `require` available, JSON files of packages inlined.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// JSON files of packages (e.g. zeebe-bpmn-moddle's schema) are bundled: Node's ESM loader refuses them without import attributes.
const bundleJson = {
  name: 'bundle-json',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) }));
  },
};

/** esbuild options for the given entry points and output folder. */
export function nodeBundle(entryPoints, outdir) {
  return {
    entryPoints,
    outdir,
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
  };
}
