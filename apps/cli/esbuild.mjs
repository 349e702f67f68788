// Bundles the CLI into one ES module, `dist/apps/cli/main.js` (the package's `worker-chart-export` bin), so a
// command starts without transpiling TypeScript. The workspace libraries are bundled (tsconfig paths
// resolved), and so are the pure-JS packages every command loads (`BUNDLED_PACKAGES`): one file parses far
// faster than the hundreds of small modules they are made of on disk. Every other package stays external and
// loads from node_modules: the Google Cloud SDKs, native and asset-bearing packages. Code splitting keeps each
// dynamic `import()` (a command's implementation, the Firestore and GCS adapters) a separate chunk in
// `chunks/`, so `--help` loads commander only and no command pays for the SDKs it does not use.
//   node apps/cli/esbuild.mjs [--outfile PATH]     (the `cli:build` target: a clean build)
// `apps/cli/launch.mjs` (`npm run cli`) rebuilds through `buildCli` when `cliBundleIsFresh` says the bundle is
// missing or older than one of its sources.
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { appBundleOptions } from '../esbuild-common.mjs';

const projectDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(projectDir, '../..');

/** The bundle `npm run cli`, `cli:run` and the bin run. */
export const CLI_BUNDLE = resolve(root, 'dist/apps/cli/main.js');

// Beside the bundle: when the build started and which files it read.
const buildInfoOf = (outfile) => resolve(dirname(outfile), 'build-info.json');
const BUNDLED_PACKAGES = new Set(['commander', 'reflect-metadata', 'inversify', 'typebox', 'winston', 'got']);

const BANNER = [
  '#!/usr/bin/env node',
  // The bundled CommonJS packages (winston) `require` Node's built-ins, which an ES module must be given.
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join('\n');

// Files that change the output besides the workspace sources; the lock file stands for the bundled packages.
const CONFIG_INPUTS = ['apps/cli/esbuild.mjs', 'apps/esbuild-common.mjs', 'apps/cli/tsconfig.json', 'tsconfig.base.json', 'package-lock.json'];

/**
 * Whether `outfile` was built after the last change to every file it was built from. A source edited, deleted
 * or moved makes it stale; a new file matters only once an existing source imports it, which edits that source.
 */
export function cliBundleIsFresh(outfile = CLI_BUNDLE) {
  let info;
  try {
    info = JSON.parse(readFileSync(buildInfoOf(outfile), 'utf8'));
    statSync(outfile);
  } catch {
    return false;
  }
  if (!Array.isArray(info.inputs) || typeof info.startedAtMs !== 'number') return false;
  for (const input of info.inputs) {
    try {
      if (statSync(resolve(root, input)).mtimeMs >= info.startedAtMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Builds the bundle. Every file is written under a temporary name and renamed into place, chunks first and
 * the entry last, so CLI processes started meanwhile (parallel tests) never load a half-written file and
 * concurrent builds of the same sources simply agree. `logLevel` is esbuild's: what it prints on stderr.
 */
export async function buildCli({ outfile = CLI_BUNDLE, logLevel = 'warning' } = {}) {
  const { build } = await import('esbuild');
  const startedAtMs = Date.now();
  const result = await build({
    ...appBundleOptions({ projectDir, outfile }),
    absWorkingDir: root,
    plugins: [bundleOnlyListedPackages],
    banner: { js: BANNER },
    metafile: true,
    write: false,
    logLevel,
  });
  const isEntry = (path) => path === outfile || path === `${outfile}.map`;
  const files = [...result.outputFiles.filter((file) => !isEntry(file.path)), ...result.outputFiles.filter((file) => isEntry(file.path))];
  for (const file of files) await writeWhole(file.path, file.contents, file.path === outfile ? 0o755 : 0o644);
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  const inputs = [...sources, ...CONFIG_INPUTS].map((input) => relative(root, resolve(root, input)));
  await writeWhole(buildInfoOf(outfile), JSON.stringify({ startedAtMs, inputs }, null, 2), 0o644);
}

/** Keeps every npm package external except `BUNDLED_PACKAGES` and what they import themselves. */
const bundleOnlyListedPackages = {
  name: 'bundle-only-listed-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@worker-chart-export/') || args.importer.includes('/node_modules/')) return undefined;
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

async function writeWhole(path, contents, mode) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await chmod(temporary, mode);
  await rename(temporary, path);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { outfile: { type: 'string', default: CLI_BUNDLE } } });
  const outfile = resolve(values.outfile);
  // A clean build: no chunk of an older build is left beside the new entry.
  await rm(resolve(dirname(outfile), 'chunks'), { recursive: true, force: true });
  await buildCli({ outfile });
}
