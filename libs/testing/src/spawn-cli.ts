import { spawn } from 'node:child_process';
import { parseJsonObject } from './parse-json-object.js';
import { REPO_ROOT } from './repo-root.js';

/** What one CLI process left behind. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stderr lines parsed as JSON log entries. */
  readonly logEntries: Record<string, unknown>[];
  /** stderr lines that are not JSON (usage and configuration messages). */
  readonly plainStderrLines: string[];
}

/**
 * Runs the real CLI as `npm run cli` does (`node apps/cli/launch.mjs ...`: the bundle, rebuilt first when a
 * source changed, so the current code runs) from the repository root with a clean environment: PATH, HOME
 * and `env` only, so nothing from the developer's shell (a real `CHART_IMG_BASE_URL`, accounts) leaks in.
 * With `timeoutMs` the process is killed (SIGKILL) once it has run that long.
 */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}, options: { readonly timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['apps/cli/launch.mjs', ...args], { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const logEntries: Record<string, unknown>[] = [];
      const plainStderrLines: string[] = [];
      for (const line of stderr.split('\n').filter((text) => text !== '')) {
        const entry = parseJsonObject(line);
        if (entry === undefined) plainStderrLines.push(line);
        else logEntries.push(entry);
      }
      done({ code, stdout, stderr, logEntries, plainStderrLines });
    });
  });
}

/** Runs a shell pipeline (for `| tail -1`) from the repository root with the same clean environment. */
export function spawnShell(command: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout }));
  });
}

/** The last non-empty stdout line as a JSON object (the `--output-summary json` summary); throws showing `stderr` otherwise. */
export function lastJsonLine(stdout: string, stderr = ''): Record<string, unknown> {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const summary = parseJsonObject(last);
  if (summary === undefined) throw new Error(`the last stdout line is not a JSON object: ${JSON.stringify(last)}\nstderr:\n${stderr}`);
  return summary;
}

/** The `--output-summary json` summary of a CLI run. */
export const jsonSummaryOf = (run: Pick<CliRun, 'stdout' | 'stderr'>): Record<string, unknown> => lastJsonLine(run.stdout, run.stderr);

function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env };
}
