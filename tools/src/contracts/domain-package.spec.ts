import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildDomainPackage, type BuildOutcome } from './build-domain-package.js';
import { REPO_ROOT } from '@worker-chart-export/testing';

const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
// Without the runner's colour settings, so children print plain text and no NO_COLOR/FORCE_COLOR warning.
const { FORCE_COLOR: _force, NO_COLOR: _no, ...plainEnv } = process.env;
const run = (args: string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: plainEnv });

// Other parts of the domain may be mid-edit: when the domain itself does not typecheck, that is
// `npm run typecheck`'s failure to report, so only the packaging checks are skipped (with a warning).
function domainTypechecks(): boolean {
  const check = run([TSC, '-p', 'libs/domain/tsconfig.json', '--noEmit'], REPO_ROOT);
  if (check.status === 0) return true;
  console.warn(`domain-package.spec: skipped, libs/domain does not typecheck:\n${check.stdout.slice(0, 2000)}`);
  return false;
}

const work = mkdtempSync(join(tmpdir(), 'domain-package-'));
const consumer = join(work, 'consumer');
const installed = join(consumer, 'node_modules/@worker-chart-export/domain');

/** Runs an ES module snippet in the scratch consumer and returns its stdout; throws with its stderr when it fails. */
function runInConsumer(script: string): string {
  const node = run(['--input-type=module', '-e', script], consumer);
  if (node.status !== 0) throw new Error(`node exited with ${String(node.status)}:\n${node.stderr}`);
  return node.stdout;
}

/** Builds the package and installs what `npm pack` would publish (the `files` list) into a scratch consumer. */
function buildAndInstall(): { outcome: BuildOutcome; packedFiles: string[] } {
  const outcome = buildDomainPackage(join(work, 'dist'));
  if (!outcome.ok) return { outcome, packedFiles: [] };
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: outcome.outDir, encoding: 'utf8' });
  const packedFiles = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  for (const file of packedFiles) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    cpSync(join(outcome.outDir, file), join(installed, file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules/typebox'), join(consumer, 'node_modules/typebox'), 'dir');
  return { outcome, packedFiles };
}

const { outcome, packedFiles } = buildAndInstall();
const test = outcome.ok || domainTypechecks() ? it : it.skip;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the @worker-chart-export/domain package', () => {
  test('builds from libs/domain/tsconfig.lib.json', () => {
    expect(outcome.ok ? 'built' : outcome.output).toBe('built');
  });

  test('publishes JS and declarations but no specs or test fixtures', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'index.js', 'index.d.ts', 'contracts/validators.js']));
    expect(packedFiles.filter((f) => /\.spec\.|__fixtures__|\.ts$(?<!\.d\.ts)/.test(f))).toEqual([]);
  });

  test('is importable by package name from plain Node ESM', () => {
    const script = [
      "import { validateChartsOutputsManifest, formatIssues, FlowRunSchema } from '@worker-chart-export/domain';",
      'const result = validateChartsOutputsManifest({',
      "  schemaVersion: 1, runId: '20251215-102530_BTCUSDT_k3f7a', stepId: 's', createdAt: '2025-12-15T10:26:12Z',",
      "  symbol: 'BTCUSDT', timeframe: '1M', minImages: -1, requested: [{ chartTemplateId: 't' }], items: [],",
      '});',
      'process.stdout.write(JSON.stringify({ ok: result.ok, line: formatIssues(result.issues, 1), schema: FlowRunSchema.type }));',
    ].join('\n');
    expect(JSON.parse(runInConsumer(script))).toEqual({ ok: false, line: 'minImages must be >= 0 (got -1)', schema: 'object' });
  });

  test('exposes the ./testing entry without needing a test framework', () => {
    const script = "import * as testing from '@worker-chart-export/domain/testing'; process.stdout.write(String(Object.keys(testing).length));";
    expect(Number(runInConsumer(script))).toBeGreaterThan(0);
  });

  test('gives TypeScript consumers the types through its exports map', () => {
    writeFileSync(
      join(consumer, 'check.ts'),
      [
        "import { validateFlowRun, type FlowRun } from '@worker-chart-export/domain';",
        'const result = validateFlowRun({});',
        'export const runId: string | undefined = result.ok ? (result.value satisfies FlowRun).runId : undefined;',
        '// @ts-expect-error the result must be narrowed before its value is read',
        'export const unchecked = result.value;',
      ].join('\n'),
    );
    const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', types: [], skipLibCheck: true };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
    const tsc = run([TSC, '-p', 'tsconfig.json'], consumer);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
  });
});
