import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** Where `npm run build:domain` puts the publishable `@worker-chart-export/domain` package. */
export const DOMAIN_DIST_DIR = join(REPO_ROOT, 'dist/libs/domain');

export type BuildOutcome = { readonly ok: true; readonly outDir: string } | { readonly ok: false; readonly output: string };

/**
 * Compiles `libs/domain` (JS + .d.ts, no specs) into `outDir` and adds its package.json and
 * `docs/library.md` as README, giving a folder that installs as `@worker-chart-export/domain`.
 */
export function buildDomainPackage(outDir = DOMAIN_DIST_DIR): BuildOutcome {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'libs/domain/tsconfig.lib.json', '--outDir', outDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) return { ok: false, output: `${tsc.stdout}${tsc.stderr}`.trim() };
  copyFileSync(join(REPO_ROOT, 'libs/domain/package.json'), join(outDir, 'package.json'));
  const readme = join(REPO_ROOT, 'docs/library.md');
  if (existsSync(readme)) copyFileSync(readme, join(outDir, 'README.md'));
  return { ok: true, outDir };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outcome = buildDomainPackage(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
  if (outcome.ok) {
    process.stdout.write(`built @worker-chart-export/domain into ${outcome.outDir}\n`);
  } else {
    process.stderr.write(`${outcome.output}\nbuild of @worker-chart-export/domain failed\n`);
    process.exitCode = 1;
  }
}
