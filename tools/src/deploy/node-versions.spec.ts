// One Node.js story across the files that name a version: the image's stages run one line, CI tests on that
// line, `engines` admits it, and the worker's bundle targets the oldest line `engines` admits.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '@worker-chart-export/testing';

const readRepo = (path: string): Promise<string> => readFile(join(REPO_ROOT, path), 'utf8');

describe('Node.js versions', () => {
  it('the image builds and runs on one line, the one CI tests on, and engines admits it', async () => {
    const dockerfile = await readRepo('Dockerfile');
    const build = /^ARG NODE_IMAGE=node:(\d+)/m.exec(dockerfile)?.[1];
    const runtime = /^ARG RUNTIME_IMAGE=gcr\.io\/distroless\/nodejs(\d+)-/m.exec(dockerfile)?.[1];
    expect(build).toBeDefined();
    expect(runtime).toBe(build);

    const ci = /^NODE_MAJOR=(\d+)$/m.exec(await readRepo('.ci/run'))?.[1];
    expect(ci).toBe(build);

    const engines = (JSON.parse(await readRepo('package.json')) as { engines: { node: string } }).engines.node;
    const floor = /^>=\s*(\d+)/.exec(engines)?.[1];
    expect(Number(floor)).toBeLessThanOrEqual(Number(build));
    // Node.js 20 reached its end of life on 2026-04-30.
    expect(Number(floor)).toBeGreaterThanOrEqual(22);

    const target = /\btarget: 'node(\d+)'/.exec(await readRepo('apps/esbuild-common.mjs'))?.[1];
    expect(target).toBe(floor);
  });
});
