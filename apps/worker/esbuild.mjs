// Bundles the worker into one ES module, run with plain `node dist/apps/worker/main.js` from the repo root
// (or an image holding package.json and the production node_modules). The workspace libraries are bundled
// (tsconfig paths resolved); npm packages stay external and load from node_modules.
// Code splitting keeps the dynamic `import('./container.js')` a separate chunk (`chunks/` beside the
// entry), so the SDKs it imports load after the server listens; without it esbuild would hoist their
// imports into main.js. The entry and its chunks must be shipped together.
//   node apps/worker/esbuild.mjs [--outfile PATH]
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appBundleOptions } from '../esbuild-common.mjs';

const projectDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(projectDir, '../..');
const { values } = parseArgs({ options: { outfile: { type: 'string', default: resolve(root, 'dist/apps/worker/main.js') } } });

const outfile = resolve(values.outfile);

await build({ ...appBundleOptions({ projectDir, outfile }), packages: 'external', logLevel: 'warning' });
