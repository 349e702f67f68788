// Start-up benchmark of the bundled worker (see docs/benchmarks.md). Not a test: it prints numbers.
//   npx tsx tools/src/bench/worker-startup.bench.ts [--runs 10] [--bundle PATH] [--no-build]
// Builds the bundle (apps/worker/esbuild.mjs) into dist/bench/worker-startup/ unless --no-build, then starts
// `node <bundle>` --runs times in mock mode, FIRESTORE_EMULATOR_HOST on an unused loopback port (nothing
// listens: /healthz needs no Firestore, and the clients connect lazily), and measures from spawn to the first
// 200 of GET /healthz, polled every 2 ms. Also prints the worker's own `startup_ms` (process uptime when it
// listened) and `ready_ms` (when its Firestore/GCS/Chart-IMG composition had loaded).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { ms } from './bench-stats.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const DEFAULT_BUNDLE = join(ROOT, 'dist/bench/worker-startup/main.js');
const POLL_MS = 2;
const RUN_TIMEOUT_MS = 30_000;

interface StartupSample {
  /** spawn -> first 200 from /healthz, measured here. */
  readonly healthyMs: number;
  /** The worker's `startup_ms` (process uptime once listening). */
  readonly listeningMs?: number;
  /** The worker's `ready_ms` (composition loaded). */
  readonly readyMs?: number;
}

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 5_000 }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', () => resolveStatus(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** The worker's JSON log lines (stdout) as they arrive; resolves `ready` on `worker.ready`. */
function watchLog(child: ChildProcess): { listeningMs: () => number | undefined; ready: Promise<number | undefined> } {
  let listening: number | undefined;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = new Promise<number | undefined>((resolveReady) => {
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { event?: string; startup_ms?: number; ready_ms?: number };
      if (entry.event === 'worker.started') listening = entry.startup_ms;
      if (entry.event === 'worker.ready') resolveReady(entry.ready_ms);
      if (entry.event === 'worker.start_failed') resolveReady(undefined);
    });
    lines.on('close', () => resolveReady(undefined));
  });
  return { listeningMs: () => listening, ready };
}

async function startOnce(bundle: string): Promise<StartupSample> {
  const [port, firestorePort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'production',
    CHARTS_BUCKET: 'gs://charts-bench',
    CHARTS_API_MODE: 'mock',
    GOOGLE_CLOUD_PROJECT: 'demo-startup-bench',
    FIRESTORE_EMULATOR_HOST: `127.0.0.1:${firestorePort}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    ENV: 'bench',
  };
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [bundle], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const log = watchLog(child);
  try {
    let healthyMs: number | undefined;
    while (healthyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`the worker exited with code ${child.exitCode} before /healthz answered`);
      if (performance.now() - spawnedAt > RUN_TIMEOUT_MS) throw new Error(`/healthz did not answer 200 within ${RUN_TIMEOUT_MS} ms`);
      if ((await healthStatus(port)) === 200) healthyMs = performance.now() - spawnedAt;
      else await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const readyMs = await Promise.race([log.ready, new Promise<undefined>((r) => setTimeout(() => r(undefined), RUN_TIMEOUT_MS).unref())]);
    const listeningMs = log.listeningMs();
    return { healthyMs, ...(listeningMs === undefined ? {} : { listeningMs }), ...(readyMs === undefined ? {} : { readyMs }) };
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** Nearest-rank percentile of a non-empty sample. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function row(label: string, samples: readonly number[]): string {
  if (samples.length === 0) return `    ${label}: no sample`;
  return `    ${label}: min ${ms(percentile(samples, 0), 0)} ms, median ${ms(percentile(samples, 50), 0)} ms, p90 ${ms(percentile(samples, 90), 0)} ms (n=${samples.length})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '10' }, bundle: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${JSON.stringify(values.runs)} must be a positive integer`);
  const bundle = resolve(values.bundle ?? DEFAULT_BUNDLE);
  if (!values['no-build']) {
    await promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs', '--outfile', bundle], { cwd: ROOT, timeout: 120_000 });
  }

  const loadBefore = loadavg()[0] ?? 0;
  const samples: StartupSample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await startOnce(bundle));
  const loadAfter = loadavg()[0] ?? 0;

  console.log(`worker start-up, ${runs} runs of node ${bundle.replace(`${ROOT}/`, '')} in mock mode`);
  console.log(
    `    node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
  );
  console.log(
    row(
      'spawn -> first /healthz 200',
      samples.map((s) => s.healthyMs),
    ),
  );
  console.log(
    row(
      'worker.started startup_ms (listening)',
      samples.flatMap((s) => (s.listeningMs === undefined ? [] : [s.listeningMs])),
    ),
  );
  console.log(
    row(
      'worker.ready ready_ms (clients loaded)',
      samples.flatMap((s) => (s.readyMs === undefined ? [] : [s.readyMs])),
    ),
  );
  const goalMet =
    percentile(
      samples.map((s) => s.healthyMs),
      50,
    ) < 1000;
  console.log(`    goal: /healthz under 1 s (median) ${goalMet ? 'met' : 'missed'}`);
}

await main();
