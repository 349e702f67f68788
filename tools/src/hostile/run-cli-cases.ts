import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../contracts/repo-files.js';
import type { CaseVerdict, CliCase } from './hostile-case.js';
import { checkMessage, leakedSecrets } from './check-message.js';
import { mapInBatches } from './map-in-batches.js';

const EXAMPLE_FLOW_RUN = 'fixtures/flow-runs/example-ready.json';
/** Spawns at once: each is a Node process with tsx; more only competes for the CPU. */
const PARALLEL_SPAWNS = 4;
const SPAWN_TIMEOUT_MS = 60_000;

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs every CLI case as a real `run-local` process (`node --import tsx apps/cli/src/main.ts`), a few at a time. */
export async function runCliCases(cases: readonly CliCase[]): Promise<CaseVerdict[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hostile-cli-'));
  try {
    return await mapInBatches(cases, PARALLEL_SPAWNS, (c) => runCliCase(c, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runCliCase(c: CliCase, dir: string): Promise<CaseVerdict> {
  const flowRunPath = c.input.flowRunFile === undefined ? EXAMPLE_FLOW_RUN : join(dir, `${c.id}.flow-run.json`);
  if (c.input.flowRunFile !== undefined) await writeFile(flowRunPath, c.input.flowRunFile);
  const accountsPath = join(dir, `${c.id}.accounts.json`);
  if (c.input.accountsFile !== undefined) await writeFile(accountsPath, c.input.accountsFile);
  const args = c.input.args.map((arg) => arg.replace('{flowRun}', flowRunPath).replace('{accounts}', accountsPath));
  // Nothing a case runs may write into the repository's .charts-out.
  if (args[0] === 'run-local') args.push('--storage-dir', join(dir, `${c.id}.out`));
  const run = await spawnCli(args, c.input.env ?? {});
  return judge(c, run, dir);
}

function judge(c: CliCase, run: Spawned, dir: string): CaseVerdict {
  const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
  const plain = lines.filter((line) => !isJsonLogLine(line));
  // Temporary and checkout paths would make the generated table differ from machine to machine.
  const message = (plain.join(' | ') || lines.join(' | ')).split(dir).join('<tmp>').split(REPO_ROOT).join('<repo>');
  const problems: string[] = [];
  if (run.code !== c.expect.exitCode) problems.push(`exit code ${String(run.code)}, expected ${c.expect.exitCode}`);
  const counted = c.expect.logLinesAllowed ? plain.length : lines.length;
  if (counted !== 1) problems.push(`${counted} ${c.expect.logLinesAllowed ? 'non-log ' : ''}stderr line(s), expected exactly one`);
  if (/^\s+at /m.test(run.stderr)) problems.push('stderr carries a stack trace');
  problems.push(...checkMessage(message, c.expect.mentions));
  for (const leak of leakedSecrets(`${run.stdout}\n${run.stderr}`, c.expect.secrets ?? [])) problems.push(`the output leaks ${leak} of the case`);
  return { id: c.id, message, problems };
}

function isJsonLogLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'severity' in value && 'event' in value;
  } catch {
    return false;
  }
}

function spawnCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
