import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@worker-chart-export/testing';

/**
 * A canary for the architecture's import rules: forbidden imports linted by the ESLint CLI with the repository's
 * config and an empty Nx cache, as on a fresh clone. Each canary is given on stdin as the text of an existing file
 * of a project (so that project's tags apply and type-aware parsing works); nothing is written to the tree. If
 * `@nx/enforce-module-boundaries` were skipped (no project graph) or its constraints dropped, the imports would
 * pass and this spec fails.
 */

interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

const RULE = '@nx/enforce-module-boundaries';
const execFileAsync = promisify(execFile);

describe('module boundaries lint canary (ESLint CLI, empty Nx cache)', () => {
  it('reports the domain importing an adapter', async () => {
    const messages = await lintAs('libs/domain/src/index.ts', [
      "import { FsBlobStore } from '@worker-chart-export/adapter-local';",
      'export const canary = FsBlobStore;',
    ]);

    expect(boundaryErrorLines(messages)).toEqual([1]);
  }, 180_000);

  it('reports an adapter importing an app and a tool', async () => {
    const messages = await lintAs('libs/adapters/local/src/index.ts', [
      "import { EXIT_CODES } from '../../../../apps/cli/src/summary/exit-codes.js';",
      "import { readRepoJson } from '@worker-chart-export/tools/contracts/repo-files.js';",
      'export const canary = [EXIT_CODES, readRepoJson];',
    ]);

    expect(boundaryErrorLines(messages)).toEqual([1, 2]);
  }, 180_000);

  it('reports an adapter importing another adapter through the tag constraint', async () => {
    // No dependency cycle here (adapter-local does not use adapter-gcs), so only the tag constraint can catch it.
    const messages = await lintAs('libs/adapters/gcs/src/index.ts', [
      "import { FsBlobStore } from '@worker-chart-export/adapter-local';",
      'export const canary = FsBlobStore;',
    ]);

    expect(boundaryErrorLines(messages)).toEqual([1]);
    expect(messages.find((m) => m.ruleId === RULE)?.message).toContain('type:adapter');
  }, 180_000);

  it("reports an app's production code importing the shared test support, which the app's specs may import", async () => {
    const canary = ["import { spawnCli } from '@worker-chart-export/testing';", 'export const canary = spawnCli;'];
    const production = await lintAs('apps/worker/src/main.ts', canary);
    expect(boundaryErrorLines(production)).toEqual([1]);
    expect(production.find((m) => m.ruleId === RULE)?.message).toContain('"type:app" can only depend on libs tagged with "type:domain", "type:adapter"');

    const spec = await lintAs('apps/worker/src/run-worker.spec.ts', [...canary, 'const unusedCanary = 1;']);
    expect(boundaryErrorLines(spec)).toEqual([]);
  }, 180_000);
});

function boundaryErrorLines(messages: readonly LintMessage[]): number[] {
  return [...new Set(messages.filter((m) => m.ruleId === RULE).map((m) => m.line))].sort((a, b) => a - b);
}

/** Lints `lines` as the content of `path` (relative to the repository root) from an empty Nx cache. */
async function lintAs(path: string, lines: readonly string[]): Promise<LintMessage[]> {
  const emptyCache = await mkdtemp(join(tmpdir(), 'lint-canary-nx-'));
  try {
    const run = await runEslint(['--format', 'json', '--stdin', '--stdin-filename', path], `${lines.join('\n')}\n`, {
      NX_WORKSPACE_DATA_DIRECTORY: emptyCache,
    });
    expect(run.output).not.toContain('will be skipped');
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
    return result?.messages ?? [];
  } finally {
    await rm(emptyCache, { recursive: true, force: true });
  }
}

/** The ESLint CLI with the repository's config, `input` on stdin; exit code 1 (problems found) is not an error here. */
async function runEslint(args: readonly string[], input: string, env: Record<string, string>): Promise<{ code: number; stdout: string; output: string }> {
  const running = execFileAsync(process.execPath, ['node_modules/eslint/bin/eslint.js', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NX_DAEMON: 'false', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  running.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await running;
    return { code: 0, stdout, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
