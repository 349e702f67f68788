import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineEnv, parseJsonObject, REPO_ROOT, spawnCli, textsLeakingKeyForms, type CliRun } from '@worker-chart-export/testing';
import { startFakeChartImg, type FakeChartImg } from '../fake-chart-img/index.js';
import type { CaseVerdict, CliCase, KeyEchoProvider } from './hostile-case.js';
import { checkMessage } from './check-message.js';
import { mapInBatches } from './map-in-batches.js';
import { startConnectionTrap } from './worker-process.js';

const EXAMPLE_FLOW_RUN = 'fixtures/flow-runs/example-ready.json';
/** Spawns at once: more only competes for the CPU. */
const PARALLEL_SPAWNS = 4;
const SPAWN_TIMEOUT_MS = 60_000;
/** Commands that write objects: each case's go under its own `--storage-dir`, never the repository's .charts-out. */
const STORING_COMMANDS: ReadonlySet<string> = new Set(['run-local', 'sweep']);

/** What a case left behind, beside its process's output. */
interface Aftermath {
  readonly written: readonly string[];
  /** The flow_run file after the run, when the case wrote one. */
  readonly flowRun?: string;
  /** The manifest the JSON summary names, when it was written. */
  readonly manifest?: string;
}

/** Runs every CLI case as a real process (`node apps/cli/launch.mjs <command> ...`), a few at a time. */
export async function runCliCases(cases: readonly CliCase[]): Promise<CaseVerdict[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hostile-cli-'));
  try {
    await buildCliBundle();
    return await mapInBatches(cases, PARALLEL_SPAWNS, (c) => runCliCase(c, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Lets the launcher rebuild a stale bundle once, before the cases: parallel launchers would each rebuild it. */
async function buildCliBundle(): Promise<void> {
  const run = await spawnCli(['--help'], {}, { timeoutMs: SPAWN_TIMEOUT_MS });
  if (run.code !== 0) throw new Error(`the CLI bundle could not be built: ${run.stderr.trim()}`);
}

async function runCliCase(c: CliCase, dir: string): Promise<CaseVerdict> {
  const flowRunPath = c.input.flowRunFile === undefined ? EXAMPLE_FLOW_RUN : join(dir, `${c.id}.flow-run.json`);
  if (c.input.flowRunFile !== undefined) await writeFile(flowRunPath, c.input.flowRunFile);
  const accountsPath = join(dir, `${c.id}.accounts.json`);
  if (c.input.accountsFile !== undefined) await writeFile(accountsPath, c.input.accountsFile);
  const args = c.input.args.map((arg) => arg.replace('{flowRun}', flowRunPath).replace('{accounts}', accountsPath));
  const storageDir = join(dir, `${c.id}.out`);
  if (STORING_COMMANDS.has(args[0] ?? '')) args.push('--storage-dir', storageDir);
  // No credentials to find, and every network client pointed at a port that counts connections.
  const home = join(dir, `${c.id}.home`);
  await mkdir(home);
  const trap = await startConnectionTrap();
  const provider = c.input.keyEchoProvider === undefined ? undefined : await startKeyEchoProvider(c.input.keyEchoProvider);
  try {
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      ...offlineEnv(trap.port),
      ...c.input.env,
      ...(provider === undefined ? {} : { CHART_IMG_BASE_URL: provider.url }),
    };
    const run = await spawnCli(args, env, { timeoutMs: SPAWN_TIMEOUT_MS });
    const after: Aftermath = {
      written: await filesUnder(storageDir),
      ...(c.input.flowRunFile === undefined ? {} : { flowRun: await readFile(flowRunPath, 'utf8') }),
      ...(await manifestOf(run, storageDir)),
    };
    const verdict = c.expect.summary === undefined ? judge(c, run, dir) : judgeSummary(c, run, after);
    const problems = [...verdict.problems, ...checkAftermath(c, run, after, dir)];
    if (c.expect.noNetwork === true && trap.connections() > 0) problems.push(`${trap.connections()} network connection(s) opened, expected none`);
    if (provider !== undefined && !provider.calls.some((call) => call.status === 403)) problems.push('the provider echoed no key (no 403 answered)');
    return { ...verdict, problems };
  } finally {
    await Promise.all([trap.close(), provider?.close()]);
  }
}

function startKeyEchoProvider(provider: KeyEchoProvider): Promise<FakeChartImg> {
  return startFakeChartImg({
    accounts: [{ id: 'acc-echo', apiKey: provider.apiKey, plan: 'PRO' }],
    fault: { type: 'key-echo', times: Number.POSITIVE_INFINITY, form: provider.form, contentType: provider.contentType },
  });
}

/** What is left to check once the process has ended: files written, and the keys in everything it wrote. */
function checkAftermath(c: CliCase, run: CliRun, after: Aftermath, dir: string): string[] {
  const problems: string[] = [];
  if (c.expect.nothingWritten === true && after.written.length > 0)
    problems.push(`${after.written.length} file(s) written under the storage directory, expected none`);
  if (c.input.keyEchoProvider !== undefined) {
    if (after.manifest === undefined) problems.push('no manifest was written to check for the key');
    if (after.flowRun === c.input.flowRunFile) problems.push('the flow_run file was not written back');
  }
  // The temporary directory's random name is in every path printed; it is no part of any key.
  const texts: Record<string, string> = Object.fromEntries(
    Object.entries({
      stdout: run.stdout,
      stderr: run.stderr,
      ...(after.flowRun === undefined ? {} : { flow_run: after.flowRun }),
      ...(after.manifest === undefined ? {} : { manifest: after.manifest }),
    }).map(([name, text]) => [name, text.split(dir).join('<tmp>')]),
  );
  (c.expect.secrets ?? []).forEach((secret, i) => {
    const leaking = textsLeakingKeyForms(secret, texts);
    if (leaking.length > 0) problems.push(`${leaking.join(', ')} leak(s) secret #${i + 1} of the case`);
  });
  return problems;
}

/** A run that reached the step: its JSON summary (the last stdout line) must show the expected outcome. */
function judgeSummary(c: CliCase, run: CliRun, after: Aftermath): CaseVerdict {
  const expected = c.expect.summary;
  const problems: string[] = [];
  if (run.code !== c.expect.exitCode) problems.push(`exit code ${String(run.code)}, expected ${c.expect.exitCode}`);
  const summary = lastJsonLine(run.stdout);
  const error = summary?.['error'] as { code?: unknown; message?: unknown } | undefined;
  const failure = firstManifestFailure(after.manifest);
  const message =
    summary === undefined
      ? `no JSON summary; stderr: ${run.stderr.trim().split('\n').at(-1) ?? ''}`.slice(0, 300)
      : `${String(error?.code)}: ${String(error?.message)}${failure === undefined ? '' : ` | manifest: ${failure}`}`;
  if (summary?.['status'] !== expected?.status) problems.push(`status ${String(summary?.['status'])}, expected ${String(expected?.status)}`);
  if (expected?.code !== undefined && error?.code !== expected.code) problems.push(`error code ${String(error?.code)}, expected ${expected.code}`);
  if (/^\s+at /m.test(run.stderr)) problems.push('stderr carries a stack trace');
  problems.push(...checkMessage(message, c.expect.mentions));
  return { id: c.id, message, problems };
}

function judge(c: CliCase, run: CliRun, dir: string): CaseVerdict {
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
  return { id: c.id, message, problems };
}

/** The manifest the JSON summary names (`gs://<bucket>/<object>` under the storage directory), when it exists. */
async function manifestOf(run: CliRun, storageDir: string): Promise<{ manifest?: string }> {
  const uri = lastJsonLine(run.stdout)?.['outputsManifestGcsUri'];
  if (typeof uri !== 'string' || !uri.startsWith('gs://')) return {};
  try {
    return { manifest: await readFile(join(storageDir, uri.slice('gs://'.length)), 'utf8') };
  } catch {
    return {};
  }
}

function firstManifestFailure(manifest: string | undefined): string | undefined {
  if (manifest === undefined) return undefined;
  const failures = parseJsonObject(manifest)?.['failures'];
  const message = Array.isArray(failures) ? (failures[0] as { error?: { message?: unknown } } | undefined)?.error?.message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/** Every file under `dir` (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  return parseJsonObject(stdout.trim().split('\n').at(-1) ?? '');
}

function isJsonLogLine(line: string): boolean {
  const entry = parseJsonObject(line);
  return entry !== undefined && 'severity' in entry && 'event' in entry;
}
