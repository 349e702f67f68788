// The worker's embedded default end to end, as the README's "Running the worker locally" loop runs it: the bundled
// worker as a real process started with nothing but the Firestore emulator's variables, the flow_run put into the
// emulator by the README's own snippet, its event delivered by the real CLI's `events deliver`. Chart-IMG is answered
// from the fixtures, templates are read from `chart-templates/` and PNGs and the manifest land under `.charts-out/` of
// the worker's working directory. A preloaded guard records every TCP connection the worker opens: only the emulator
// may be reached.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { buildWorkerBundle, REPO_ROOT as ROOT, spawnCli } from '@worker-chart-export/testing';
import { readExampleFlowRun } from './support/example-flow-run.js';

const PROJECT = 'demo-worker-embedded';
const STARTUP_MS = 120_000;
const WORKER_BUNDLE = 'dist/apps/worker/main.js';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const GUARD_PREFIX = 'net-guard connect ';

/** The README's local loop: its seed snippet and its `events deliver` arguments, so the test runs what it documents. */
function readmeLoop(): { seedScript: string; deliverArgs: string[] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Running the worker locally'));
  const seedScript = /node -e "([^"]+)"/.exec(section)?.[1];
  const deliver = /npm run --silent cli -- (events deliver [^\n]+)/.exec(section)?.[1];
  if (seedScript === undefined || deliver === undefined) throw new Error("the README's local loop has no seed snippet or no events deliver command");
  return { seedScript, deliverArgs: deliver.trim().split(/\s+/) };
}

// Loaded with `node --import` before the worker: every socket connect is written to stderr, whatever library opens it.
const NET_GUARD = `import net from 'node:net';
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target = typeof first === 'object' && first !== null
    ? (first.path ?? \`\${first.host ?? 'localhost'}:\${first.port}\`)
    : typeof first === 'string' && !/^\\d+$/.test(first) ? first : \`\${typeof args[1] === 'string' ? args[1] : 'localhost'}:\${first}\`;
  process.stderr.write('${GUARD_PREFIX}' + target + '\\n');
  return connect.apply(this, args);
};
`;

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr: string;
}

/** Spawns the bundled worker in `cwd` with exactly `env` (plus PATH and HOME): nothing leaks in from the test's shell. */
function startWorker(cwd: string, guard: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', guard, join(ROOT, WORKER_BUNDLE)], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = { child, lines: [], stderr: '' };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => worker.lines.push(line));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr += chunk));
  return worker;
}

async function waitForEvent(worker: WorkerProcess, event: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = worker.lines.find((candidate) => candidate.includes(`"event":"${event}"`));
    if (line !== undefined) return JSON.parse(line) as Record<string, unknown>;
    if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode}) before ${event}: ${worker.stderr.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`no ${event} within ${timeoutMs} ms: ${worker.stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithFirestoreEmulator('the worker on its embedded default (only the Firestore emulator set)', () => {
  jest.setTimeout(60_000);
  let worker: WorkerProcess | undefined;
  let db: Firestore;
  let cwd: string;
  let workerUrl: string;
  let emulatorHost: string;

  const { flowRun, stepId, requestCount } = readExampleFlowRun();
  const runId = flowRun.runId;

  beforeAll(async () => {
    emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    // A working directory laid out as the repository's root is for the defaults (chart-templates/, fixtures/),
    // so the worker's .charts-out/ is this test's own.
    cwd = await mkdtemp(join(tmpdir(), 'worker-embedded-'));
    await symlink(join(ROOT, 'chart-templates'), join(cwd, 'chart-templates'));
    await symlink(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
    const guard = join(cwd, 'net-guard.mjs');
    await writeFile(guard, NET_GUARD);
    await buildWorkerBundle(WORKER_BUNDLE);

    db = createFirestore({ projectId: PROJECT });
    worker = startWorker(cwd, guard, { FIRESTORE_EMULATOR_HOST: emulatorHost, GOOGLE_CLOUD_PROJECT: PROJECT, PORT: '0', HOST: '127.0.0.1' });
    const started = await waitForEvent(worker, 'worker.started', STARTUP_MS);
    workerUrl = `http://127.0.0.1:${String(started['port'])}`;
    expect(started['message']).toContain(`PNGs and manifests under ${join('.charts-out', 'charts-local')}`);
    expect(started['chartsApi']).toEqual({ mode: 'mock' });
  }, 2 * STARTUP_MS);

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGKILL');
      await once(worker.child, 'exit');
    }
    await db?.terminate();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  }, 60_000);

  it("runs the README's loop: the step SUCCEEDED in the emulator, PNGs and manifest under .charts-out/<bucket>/<object>", async () => {
    const { seedScript, deliverArgs } = readmeLoop();
    const env = { FIRESTORE_EMULATOR_HOST: emulatorHost, GOOGLE_CLOUD_PROJECT: PROJECT };
    // Only the flow_run goes into Firestore: no template is synced.
    await promisify(execFile)(process.execPath, ['-e', seedScript], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', METADATA_SERVER_DETECTION: 'none', ...env },
    });
    expect((await db.collection('flow_runs').doc(runId).get()).data()).toEqual(flowRun);

    const args = deliverArgs.map((arg) => (arg.startsWith('http://127.0.0.1:') ? workerUrl : arg));
    expect(args).toEqual(['events', 'deliver', '--worker-url', workerUrl, '--run-id', runId]);
    const delivered = await spawnCli(args, env);
    expect(delivered.code).toBe(0);
    expect(JSON.parse(delivered.stdout.trim())).toEqual(
      expect.objectContaining({ status: 200, reply: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: requestCount }) }),
    );

    const manifestUri = `gs://charts-local/charts/${runId}/${stepId}/manifest.json`;
    const doc = (await db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> };
    expect(doc.steps[stepId]).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: manifestUri } });

    const stepDir = join(cwd, '.charts-out', 'charts-local', 'charts', runId, stepId);
    const pngs = (await readdir(stepDir)).filter((name) => name.endsWith('.png'));
    expect(pngs).toHaveLength(requestCount);
    for (const png of pngs) expect((await readFile(join(stepDir, png))).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const manifest = JSON.parse(await readFile(join(stepDir, 'manifest.json'), 'utf8')) as {
      items: Array<{ png_gcs_uri: string; chartTemplateId: string }>;
      failures: unknown[];
    };
    expect(manifest.failures).toEqual([]);
    expect(manifest.items.map((item) => item.png_gcs_uri).sort()).toEqual(pngs.map((name) => `gs://charts-local/charts/${runId}/${stepId}/${name}`).sort());
    expect(manifest.items.map((item) => item.chartTemplateId).sort()).toEqual(flowRun.steps[stepId]?.inputs.requests.map((r) => r.chartTemplateId).sort());
  });

  it('read the templates from chart-templates/ (Firestore holds none) and replayed a fixture per request, no HTTP call', async () => {
    expect((await db.collection('chart_templates').get()).size).toBe(0);
    const entries = (worker?.lines ?? []).map((line) => JSON.parse(line) as { event?: string; chartsApi?: { source?: string } });
    expect(entries.filter((entry) => entry.event === 'chart_api.call.started')).toEqual([]);
    const calls = entries.filter((entry) => entry.event === 'chart_api.call.finished');
    expect(calls.map((entry) => entry.chartsApi?.source)).toEqual(Array.from({ length: requestCount }, () => 'fixture'));
  });

  it('opened no connection but to the emulator, and stops on SIGTERM with exit code 0', async () => {
    const child = worker?.child as ChildProcess;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    const targets = new Set((worker?.stderr ?? '').split('\n').flatMap((line) => (line.startsWith(GUARD_PREFIX) ? [line.slice(GUARD_PREFIX.length)] : [])));
    expect([...targets]).toEqual([emulatorHost]);
  }, 30_000);
});
