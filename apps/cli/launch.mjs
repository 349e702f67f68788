// `npm run cli` and the `cli:run` target: runs the CLI bundle, first rebuilding it (a second or so)
// when it is missing or older than its sources, so a fresh clone needs no build step and an edit to the
// CLI or a library is picked up by the next command. Installed, the `worker-chart-export` bin runs the
// bundle directly.
//   node apps/cli/launch.mjs <command> [options]
import { pathToFileURL } from 'node:url';
import { buildCli, cliBundleIsFresh, CLI_BUNDLE } from './esbuild.mjs';

if (!cliBundleIsFresh()) {
  try {
    // Errors only: a warning on stderr would mix with the command's own output.
    await buildCli({ logLevel: 'error' });
  } catch {
    // esbuild has printed what failed, with file and line.
    process.stderr.write('error: the CLI bundle could not be built from the sources (see above)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(CLI_BUNDLE).href);
