import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** `apps/cli/esbuild.mjs`, which `npm run cli` (apps/cli/launch.mjs) relies on to never run a stale bundle. */
interface CliBuild {
  buildCli(options: { outfile: string; logLevel?: string }): Promise<void>;
  cliBundleIsFresh(outfile: string): boolean;
}

interface BuildInfo {
  startedAtMs: number;
  inputs: string[];
}

const cliBuild = (await import(pathToFileURL(join(REPO_ROOT, 'apps/cli/esbuild.mjs')).href)) as CliBuild;
// Inside the repository, so the bundle's external packages resolve from node_modules as the real one's do.
const dir = join(REPO_ROOT, 'dist', `cli-bundle-test-${process.pid}`);
const outfile = join(dir, 'main.js');
const buildInfoPath = join(dir, 'build-info.json');

async function rewriteBuildInfo(change: (info: BuildInfo) => BuildInfo): Promise<void> {
  const info = JSON.parse(await readFile(buildInfoPath, 'utf8')) as BuildInfo;
  await writeFile(buildInfoPath, JSON.stringify(change(info)));
}

describe('the CLI bundle and its freshness check', () => {
  let original: string;

  beforeAll(async () => {
    await cliBuild.buildCli({ outfile, logLevel: 'error' });
    original = await readFile(buildInfoPath, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a bundle that runs the CLI, and records the sources it was built from', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [outfile, '--help'], { cwd: REPO_ROOT });

    expect(stdout).toContain('Usage: worker-chart-export');
    const info = JSON.parse(original) as BuildInfo;
    expect(info.inputs).toEqual(expect.arrayContaining(['apps/cli/src/main.ts', 'apps/cli/src/commands/run-local.ts', 'libs/domain/src/index.ts']));
    expect(info.inputs.some((input) => input.includes('node_modules'))).toBe(false);
  }, 60_000);

  it('is fresh right after the build', async () => {
    await writeFile(buildInfoPath, original);

    expect(cliBuild.cliBundleIsFresh(outfile)).toBe(true);
  });

  it('is stale once a source is newer than the build', async () => {
    await writeFile(buildInfoPath, original);
    // As if the build had started before the sources were last written (1970).
    await rewriteBuildInfo((info) => ({ ...info, startedAtMs: 0 }));

    expect(cliBuild.cliBundleIsFresh(outfile)).toBe(false);
  });

  it('is stale once a source it was built from is gone', async () => {
    await writeFile(buildInfoPath, original);
    await rewriteBuildInfo((info) => ({ ...info, inputs: [...info.inputs, 'apps/cli/src/removed-since.ts'] }));

    expect(cliBuild.cliBundleIsFresh(outfile)).toBe(false);
  });

  it('is stale without its build record or its entry file', async () => {
    await rm(buildInfoPath);
    expect(cliBuild.cliBundleIsFresh(outfile)).toBe(false);

    await writeFile(buildInfoPath, original);
    await rm(outfile);
    expect(cliBuild.cliBundleIsFresh(outfile)).toBe(false);
  });
});
