import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, as `npm run cli` does. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stderr lines that are not JSON log entries (usage and configuration messages). */
  readonly plainStderrLines: string[];
  /** stderr lines parsed as JSON log entries. */
  readonly logEntries: Record<string, unknown>[];
}

/** Runs the real CLI (`node --import tsx apps/cli/src/main.ts ...`) from the repository root with a clean env. */
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
      const lines = stderr.split('\n').filter((line) => line !== '');
      const logEntries: Record<string, unknown>[] = [];
      const plainStderrLines: string[] = [];
      for (const line of lines) {
        const entry = parseJsonObject(line);
        if (entry === undefined) plainStderrLines.push(line);
        else logEntries.push(entry);
      }
      done({ code, stdout, stderr, plainStderrLines, logEntries });
    });
  });
}

/** Runs a shell pipeline from the repository root (for `| tail -1`). */
export function spawnShell(command: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout }));
  });
}

/** The last non-empty stdout line parsed as JSON. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

/** A fresh temporary directory and its cleanup. */
export async function tempDir(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
