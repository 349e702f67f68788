// Start-up benchmark of the CLI. Not a test: it prints numbers.
//   npx tsx tools/src/bench/cli-startup.bench.ts [--runs 10] [--no-tsx]
// Builds the bundle (apps/cli/esbuild.mjs), then times two commands from spawn to exit, --runs times each:
// `--help` and a NOOP `run-local` (fixtures/flow-runs/no-ready-step.json: the flow_run is read and validated,
// no step is READY, exit 3). Each command runs three ways, interleaved so they share the machine's load:
//   bundle    node dist/apps/cli/main.js           the installed `worker-chart-export` bin
//   launcher  node apps/cli/launch.mjs             `npm run cli` minus npm's own start (checks the bundle is fresh)
//   tsx       node_modules/.bin/tsx apps/cli/src/main.ts   how `npm run cli` ran before the bundle
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { REPO_ROOT } from '@worker-chart-export/testing';
import { durationStats, ms } from './bench-stats.js';

const RUN_TIMEOUT_MS = 60_000;

interface Way {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  readonly expectedCode: number;
  /** The start-up target for the bundled CLI, median in ms. */
  readonly targetMs: number;
}

const WAYS: readonly Way[] = [
  { name: 'bundle', command: process.execPath, args: ['dist/apps/cli/main.js'] },
  { name: 'launcher', command: process.execPath, args: ['apps/cli/launch.mjs'] },
  { name: 'tsx', command: join(REPO_ROOT, 'node_modules/.bin/tsx'), args: ['apps/cli/src/main.ts'] },
];

/** Spawn to exit, in ms; throws unless the process exits with `expectedCode`. */
function timeOnce(way: Way, args: readonly string[], expectedCode: number): Promise<number> {
  return new Promise((done, reject) => {
    const startedAt = performance.now();
    const child = spawn(way.command, [...way.args, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const elapsed = performance.now() - startedAt;
      if (code === expectedCode) done(elapsed);
      else reject(new Error(`${way.name} ${args.join(' ')} exited ${code}, expected ${expectedCode}:\n${stderr}`));
    });
  });
}

function row(way: string, samples: readonly number[], targetMs: number | undefined): string {
  const stats = durationStats(samples);
  const verdict = targetMs === undefined ? '' : `; target < ${targetMs} ms ${stats.p50 < targetMs ? 'met' : 'missed'}`;
  return `    ${way.padEnd(8)}: median ${ms(stats.p50, 0)} ms, p95 ${ms(stats.p95, 0)} ms, min ${ms(stats.min, 0)} ms (n=${stats.count})${verdict}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, 'no-tsx': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${JSON.stringify(values.runs)} must be a positive integer`);
  const ways = WAYS.filter((way) => way.name !== 'tsx' || !values['no-tsx']);
  await promisify(execFile)(process.execPath, ['apps/cli/esbuild.mjs'], { cwd: REPO_ROOT, timeout: 120_000 });

  const storageDir = await mkdtemp(join(tmpdir(), 'cli-startup-bench-'));
  const scenarios: readonly Scenario[] = [
    { name: '--help', args: ['--help'], expectedCode: 0, targetMs: 300 },
    {
      name: 'run-local NOOP (no-ready-step.json)',
      args: ['run-local', '--flow-run-path', 'fixtures/flow-runs/no-ready-step.json', '--storage-dir', storageDir],
      expectedCode: 3,
      targetMs: 600,
    },
  ];
  const loadBefore = loadavg()[0] ?? 0;
  const samples = new Map<string, number[]>();
  try {
    for (let i = 0; i < runs; i += 1) {
      for (const scenario of scenarios) {
        for (const way of ways) {
          const key = `${scenario.name}/${way.name}`;
          samples.set(key, [...(samples.get(key) ?? []), await timeOnce(way, scenario.args, scenario.expectedCode)]);
        }
      }
    }
  } finally {
    await rm(storageDir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] ?? 0;

  console.log(`CLI start-up, spawn to exit, ${runs} runs per command and way (interleaved)`);
  console.log(
    `    node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
  );
  for (const scenario of scenarios) {
    console.log(`  ${scenario.name}`);
    for (const way of ways) {
      const target = way.name === 'tsx' ? undefined : scenario.targetMs;
      console.log(row(way.name, samples.get(`${scenario.name}/${way.name}`) ?? [], target));
    }
  }
}

await main();
