import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@worker-chart-export/testing';

/**
 * Runs `worker-startup.bench.ts --runs N` (it builds the worker bundle) and reads the median of "spawn -> first
 * /healthz 200" from its output; undefined when it printed none.
 */
export async function workerStartupMedianMs(runs: number): Promise<{ medianMs: number | undefined; line: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tools/src/bench/worker-startup.bench.ts', '--runs', String(runs)], {
    cwd: REPO_ROOT,
    maxBuffer: 1024 * 1024,
  });
  const line = stdout.split('\n').find((text) => text.includes('first /healthz 200')) ?? '';
  const median = /median (\d+(?:\.\d+)?) ms/.exec(line)?.[1];
  return { medianMs: median === undefined ? undefined : Number(median), line: line.trim() };
}
