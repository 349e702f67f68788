// Bundles the worker into one ES module, run with plain `node dist/apps/worker/main.js` from the repo root
// (or an image holding package.json and the production node_modules). The workspace libraries are bundled
// (tsconfig paths resolved); npm packages stay external and load from node_modules.
//   node apps/worker/esbuild.mjs [--outfile PATH]
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const projectDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(projectDir, '../..');
const { values } = parseArgs({ options: { outfile: { type: 'string', default: resolve(root, 'dist/apps/worker/main.js') } } });

await build({
  entryPoints: [resolve(projectDir, 'src/main.ts')],
  outfile: resolve(values.outfile),
  tsconfig: resolve(projectDir, 'tsconfig.json'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
