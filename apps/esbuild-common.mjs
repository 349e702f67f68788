// The esbuild settings the CLI and the worker bundles share: `src/main.ts` of the app bundled into one ES module
// for Node.js at `outfile`, workspace libraries resolved through the app's tsconfig paths, and each dynamic
// `import()` split into a chunk under `chunks/` beside the entry (the entry and its chunks ship together).
import { basename, dirname, resolve } from 'node:path';

/** The esbuild options of the app in `projectDir` (the folder holding its `src/main.ts` and `tsconfig.json`). */
export function appBundleOptions({ projectDir, outfile }) {
  return {
    entryPoints: [resolve(projectDir, 'src/main.ts')],
    outdir: dirname(outfile),
    entryNames: basename(outfile, '.js'),
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    tsconfig: resolve(projectDir, 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node.js line `engines` admits (the image runs 24); tools/src/deploy keeps the three in step.
    target: 'node22',
    sourcemap: true,
  };
}
