import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAN_LIMITS } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';
import { startFakeChartImg } from '../fake-chart-img/index.js';

export interface FleetFigures {
  readonly processes: number;
  readonly calls: number;
  readonly tooManyRequests: number;
  readonly spanMs: number;
  /** The plan's floor for that many calls: (calls - burst) / rate. */
  readonly planMinimumMs: number;
  readonly stepsSucceeded: number;
}

const ACCOUNT = { id: 'bench-fleet-basic', apiKey: 'bench-fleet-basic-key-0123456789', plan: 'BASIC' as const, dailyLimit: 50 };

/**
 * `processes` real CLI processes (`run-local`, real mode, account usage in the Firestore emulator) started together,
 * each running the example step (5 requests) on the same BASIC key against the fake Chart-IMG: how many calls the
 * provider refused with `Too Many Requests`, and the span from the first call to the last.
 */
export async function benchFleetPacing(p: { emulatorHost: string; processes: number; latencyMs: number }): Promise<FleetFigures> {
  const fake = await startFakeChartImg({ accounts: [ACCOUNT], latencyMs: p.latencyMs });
  const dir = await mkdtemp(join(tmpdir(), 'bench-fleet-'));
  try {
    const accountsPath = join(dir, 'accounts.json');
    await writeFile(accountsPath, JSON.stringify([ACCOUNT]));
    const example = await readFile(join(REPO_ROOT, 'fixtures/flow-runs/example-ready.json'), 'utf8');
    // Builds the CLI bundle once if a source changed, so the processes below do not each build it.
    await runCli(['--help'], {});
    const project = `demo-bench-fleet-${Date.now().toString(36)}`;
    const codes = await Promise.all(
      Array.from({ length: p.processes }, async (_, index) => {
        const flowRunPath = join(dir, `flow-run-${index}.json`);
        await writeFile(flowRunPath, example);
        const args = ['run-local', '--flow-run-path', flowRunPath, '--charts-api-mode', 'real', '--accounts-config-path', accountsPath];
        args.push('--account-usage', 'firestore', '--project', project, '--storage-dir', join(dir, `out-${index}`));
        return runCli(args, { CHART_IMG_BASE_URL: fake.url, FIRESTORE_EMULATOR_HOST: p.emulatorHost });
      }),
    );
    const at = fake.calls.map((call) => call.at);
    const { burst, ratePerSecond } = PLAN_LIMITS[ACCOUNT.plan];
    return {
      processes: p.processes,
      calls: fake.calls.length,
      tooManyRequests: fake.calls.filter((call) => call.status === 429 && call.message === 'Too Many Requests').length,
      spanMs: at.length === 0 ? 0 : Math.max(...at) - Math.min(...at),
      planMinimumMs: (Math.max(0, fake.calls.length - burst) / ratePerSecond) * 1000,
      stepsSucceeded: codes.filter((code) => code === 0).length,
    };
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `node apps/cli/launch.mjs ...args` from the repository root with PATH, HOME and `env` only; resolves the exit code. */
function runCli(args: readonly string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['apps/cli/launch.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}
