import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, as `npm run cli` does. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

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
 * Runs the real CLI (`node --import tsx apps/cli/src/main.ts ...`) from the repository root with a
 * clean environment: PATH, HOME and `env` only, so nothing from the developer's shell (a real
 * `CHART_IMG_BASE_URL`, accounts) leaks in.
 */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
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

/** The last non-empty stdout line as JSON: the `--output-summary json` summary. */
export function jsonSummaryOf(run: CliRun): Record<string, unknown> {
  const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
  const summary = parseJsonObject(last);
  if (summary === undefined) throw new Error(`the last stdout line is not a JSON object: ${JSON.stringify(last)}\nstderr:\n${run.stderr}`);
  return summary;
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
