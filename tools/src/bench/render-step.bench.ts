// The CHART_EXPORT step benchmark (targets and results in docs/benchmarks.md). Not a test: it prints numbers.
//   npx tsx tools/src/bench/render-step.bench.ts [--latency-ms 1500] [--reps 3] [--steps 200] [--warmup 50]
//     [--store-delay-ms 40] [--processes 4] [--startup-runs 10] [--skip-emulator] [--skip-startup]
// (a) wall time of a 5-template step through the real composition against the fake Chart-IMG at latency L, 2 PRO
//     accounts: sequential (concurrency 1), the old constant 4, and the defaults;
// (b) the worker's own overhead per 5-template step with in-memory adapters and an instant provider, and RSS;
// (c) time from a step's start to its last request sent, account pool on a slow Firestore (emulator + delay proxy);
// (d) fleet pacing: several CLI processes on one BASIC key, account usage in the emulator: 429s and span;
// (e) worker start-up: spawn to the first /healthz 200 (worker-startup.bench.ts).
// (c) and (d) need the Firestore emulator (skipped with a note without it).
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { locateFirestoreEmulator, startFirestoreEmulator, type FirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { FsBlobStore, FsTemplateRepo, InMemoryAccountPool, SystemClock } from '@worker-chart-export/adapter-local';
import { createEventLog } from '@worker-chart-export/adapter-logging';
import { DEFAULT_CHART_EXPORT_SETTINGS, type ChartImgAccount, type EventLog } from '@worker-chart-export/domain';
import { InMemoryBlobStore, MapTemplateRepo, ScriptedChartApi, okPng } from '@worker-chart-export/domain/testing';
import { TEMPLATES_DIR } from '../chart-png/repo-paths.js';
import { startFakeChartImg } from '../fake-chart-img/index.js';
import { exampleFlowRunFactory } from './bench-flow-run.js';
import { durationStats, ms } from './bench-stats.js';
import { benchFleetPacing, type FleetFigures } from './fleet-pacing.js';
import { benchSlowStore, type SlowStoreFigures } from './slow-store-sends.js';
import { workerStartupMedianMs } from './startup-median.js';
import { composeStep, SEED_TEMPLATE_IDS, silentLog } from './step-composition.js';

type FlowRunFor = (index: number) => Record<string, unknown>;

/** The settings (a) compares: the cap on requests in flight, or the defaults. */
const SETTINGS: ReadonlyArray<{ readonly name: string; readonly concurrency?: number }> = [
  { name: 'sequential (concurrency 1)', concurrency: 1 },
  { name: 'old constant (concurrency 4)', concurrency: 4 },
  { name: `defaults (cap ${DEFAULT_CHART_EXPORT_SETTINGS.concurrency}, accounts' burst)` },
];

async function benchAgainstFake(latencyMs: number, reps: number, flowRunFor: FlowRunFor): Promise<Map<string, number>> {
  // Two PRO accounts per setting (priority 1 and 2), so one setting's calls never eat another's rate-limit tokens.
  const accountsOf = (setting: number): ChartImgAccount[] =>
    [1, 2].map((priority) => ({
      id: `bench-pro-s${setting}-p${priority}`,
      apiKey: `bench-key-s${setting}-p${priority}-0123456789`,
      plan: 'PRO',
      dailyLimit: 500,
      priority,
    }));
  const all = SETTINGS.flatMap((_, setting) => accountsOf(setting));
  const fake = await startFakeChartImg({ accounts: all.map((account) => ({ ...account, plan: 'PRO' as const })), latencyMs });
  const storageDir = await mkdtemp(join(tmpdir(), 'bench-render-step-'));
  const medians = new Map<string, number>();
  let index = 0;
  try {
    console.log(
      `(a) one 5-template step, real composition (GotChartApi + InMemoryAccountPool + FsBlobStore + FsTemplateRepo), fake Chart-IMG at L = ${latencyMs} ms, 2 PRO accounts`,
    );
    console.log(`    1 warm-up + ${reps} measured steps per setting; wall time of RunChartExportStep.execute()`);
    for (const [setting, { name, concurrency }] of SETTINGS.entries()) {
      const accounts = accountsOf(setting);
      const clock = new SystemClock();
      const run = composeStep(
        {
          templates: new FsTemplateRepo(TEMPLATES_DIR),
          blobs: new FsBlobStore(storageDir),
          chartApi: new GotChartApi({ baseUrl: fake.url, keyring: new AccountKeyring(accounts), clock }),
          accounts: new InMemoryAccountPool(accounts, clock),
          log: silentLog,
          ...(concurrency === undefined ? {} : { concurrency }),
        },
        flowRunFor,
      );
      await run(index++);
      const samples: number[] = [];
      for (let rep = 0; rep < reps; rep += 1) samples.push(await run(index++));
      const stats = durationStats(samples);
      medians.set(name, stats.p50);
      console.log(`    ${name}: median ${ms(stats.p50, 0)} ms (min ${ms(stats.min, 0)}, max ${ms(stats.max, 0)}) = ${ms(stats.p50 / latencyMs, 2)} x L`);
    }
    const refused = fake.calls.filter((call) => call.status !== 200);
    console.log(
      `    fake saw ${fake.calls.length} calls, ${refused.length} not 200${refused.length > 0 ? ` (${[...new Set(refused.map((c) => `${c.status} ${c.message ?? ''}`))].join(', ')})` : ''}`,
    );
  } finally {
    await fake.close();
    await rm(storageDir, { recursive: true, force: true });
  }
  return medians;
}

interface OverheadFigures {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly rssMiB: number;
  readonly rssGrowthKiBPerStep: number;
}

async function benchOverhead(steps: number, warmup: number, templates: MapTemplateRepo, flowRunFor: FlowRunFor): Promise<OverheadFigures> {
  const png = okPng(800, 600);
  const account: ChartImgAccount = { id: 'bench-instant', apiKey: 'bench-instant-key-0123456789', plan: 'PRO', dailyLimit: 1_000_000, priority: 100 };
  const nullStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  const winstonLog = createEventLog({ service: 'worker-chart-export', env: 'bench', level: 'info', stream: nullStream, secrets: [account.apiKey] });
  const variants: Array<{ name: string; log: EventLog }> = [
    { name: 'silent EventLog', log: silentLog },
    { name: 'winston EventLog (info) to a null stream', log: winstonLog },
  ];
  console.log(
    `(b) worker overhead per 5-template step: in-memory flow_run/templates/blobs/leases, InMemoryAccountPool, instant provider (ScriptedChartApi), defaults`,
  );
  console.log(`    ${warmup} warm-up steps, then ${steps} measured steps per variant`);
  let index = 1_000_000;
  let figures: OverheadFigures | undefined;
  for (const variant of variants) {
    const clock = new SystemClock();
    // A fresh blob store per variant, and every PNG dropped after its step: memory held is the worker's own.
    const blobs = new InMemoryBlobStore();
    const run = composeStep(
      { templates, blobs, chartApi: new ScriptedChartApi(() => png), accounts: new InMemoryAccountPool([account], clock), log: variant.log },
      flowRunFor,
    );
    for (let i = 0; i < warmup; i += 1) await run(index++);
    const rssBefore = process.memoryUsage().rss;
    const samples: number[] = [];
    for (let i = 0; i < steps; i += 1) {
      samples.push(await run(index++));
      blobs.objects.clear();
    }
    const rssAfter = process.memoryUsage().rss;
    const stats = durationStats(samples);
    const growth = (rssAfter - rssBefore) / 1024 / steps;
    console.log(
      `    ${variant.name}: mean ${ms(stats.mean, 2)} ms, p50 ${ms(stats.p50, 2)} ms, p95 ${ms(stats.p95, 2)} ms, max ${ms(stats.max, 2)} ms; ` +
        `RSS ${ms(rssAfter / 1024 / 1024, 0)} MiB, ${ms(growth, 1)} KiB per step over the run`,
    );
    figures = { p50Ms: stats.p50, p95Ms: stats.p95, rssMiB: rssAfter / 1024 / 1024, rssGrowthKiBPerStep: growth };
  }
  await winstonLog.flush();
  return figures as OverheadFigures;
}

async function seedTemplates(): Promise<MapTemplateRepo> {
  const files = new FsTemplateRepo(TEMPLATES_DIR);
  return new MapTemplateRepo(Object.fromEntries(await Promise.all(SEED_TEMPLATE_IDS.map(async (id) => [id, (await files.get(id))?.data] as const))));
}

async function withEmulator<T>(skip: boolean, body: (host: string) => Promise<T>): Promise<T | string> {
  if (skip) return 'skipped (--skip-emulator)';
  const location = locateFirestoreEmulator();
  if (!location.found) return `skipped: the Firestore emulator is not installed (missing ${location.missing})`;
  let emulator: FirestoreEmulator | undefined;
  try {
    emulator = await startFirestoreEmulator({ executable: location.executable });
    return await body(emulator.host);
  } finally {
    await emulator?.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string', default: '1500' },
      reps: { type: 'string', default: '3' },
      steps: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '50' },
      'store-delay-ms': { type: 'string', default: '40' },
      processes: { type: 'string', default: '4' },
      'startup-runs': { type: 'string', default: '10' },
      'skip-emulator': { type: 'boolean', default: false },
      'skip-startup': { type: 'boolean', default: false },
    },
  });
  const latencyMs = positiveInteger('--latency-ms', values['latency-ms']);
  const reps = positiveInteger('--reps', values.reps);
  const processes = positiveInteger('--processes', values.processes);
  const storeDelayMs = positiveInteger('--store-delay-ms', values['store-delay-ms']);
  console.log(
    `render-step benchmark, ${new Date().toISOString()}: node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const flowRunFor = await exampleFlowRunFactory();
  const templates = await seedTemplates();

  const steps = await benchAgainstFake(latencyMs, reps, flowRunFor);
  const overhead = await benchOverhead(positiveInteger('--steps', values.steps), positiveInteger('--warmup', values.warmup), templates, flowRunFor);
  const emulated = await withEmulator(values['skip-emulator'] === true, async (host) => {
    console.log(`(c) time to the last request sent, account pool on the Firestore emulator behind a proxy adding ${storeDelayMs} ms to every call`);
    const slow = await benchSlowStore({ emulatorHost: host, storeDelayMs, reps, templates, flowRunFor });
    console.log(`    reservations one at a time (as before): median ${ms(slow.serializedMs, 0)} ms; batched: median ${ms(slow.batchedMs, 0)} ms`);
    console.log(`(d) fleet pacing: ${processes} run-local processes x 5 requests on one BASIC key, account usage in the emulator, fake Chart-IMG at 200 ms`);
    const fleet = await benchFleetPacing({ emulatorHost: host, processes, latencyMs: 200 });
    console.log(
      `    ${fleet.calls} calls, ${fleet.tooManyRequests} x 429 Too Many Requests, span ${ms(fleet.spanMs, 0)} ms (plan minimum ${ms(fleet.planMinimumMs, 0)} ms), ${fleet.stepsSucceeded}/${processes} steps SUCCEEDED`,
    );
    return { slow, fleet };
  });
  if (typeof emulated === 'string') console.log(`(c), (d) ${emulated}`);
  let startup: number | undefined;
  if (values['skip-startup'] !== true) {
    console.log(`(e) worker start-up (worker-startup.bench.ts --runs ${values['startup-runs']})`);
    const figures = await workerStartupMedianMs(positiveInteger('--startup-runs', values['startup-runs']));
    console.log(`    ${figures.line}`);
    startup = figures.medianMs;
  }
  printSummary({ latencyMs, steps, overhead, emulated: typeof emulated === 'string' ? undefined : emulated, startup });
}

function printSummary(p: {
  latencyMs: number;
  steps: Map<string, number>;
  overhead: OverheadFigures;
  emulated: { slow: SlowStoreFigures; fleet: FleetFigures } | undefined;
  startup: number | undefined;
}): void {
  const rows: Array<[string, string]> = [];
  for (const [name, median] of p.steps) rows.push([`step / L, ${name}`, `${ms(median / p.latencyMs, 2)} x L (${ms(median, 0)} ms)`]);
  rows.push(['per-step overhead, instant fakes, winston log (p50 / p95)', `${ms(p.overhead.p50Ms, 2)} / ${ms(p.overhead.p95Ms, 2)} ms`]);
  rows.push(['RSS (after the overhead run) / growth per step', `${ms(p.overhead.rssMiB, 0)} MiB / ${ms(p.overhead.rssGrowthKiBPerStep, 1)} KiB`]);
  if (p.emulated !== undefined) {
    const { slow, fleet } = p.emulated;
    rows.push([`time to last send, store +${slow.storeDelayMs} ms/call: one at a time / batched`, `${ms(slow.serializedMs, 0)} / ${ms(slow.batchedMs, 0)} ms`]);
    rows.push([
      `fleet: ${fleet.processes} processes, ${fleet.calls} calls on one BASIC key`,
      `${fleet.tooManyRequests} x 429, span ${ms(fleet.spanMs, 0)} ms (minimum ${ms(fleet.planMinimumMs, 0)} ms)`,
    ]);
  }
  if (p.startup !== undefined) rows.push(['worker start -> /healthz, median', `${ms(p.startup, 0)} ms`]);
  console.log('summary');
  console.log('| figure | value |\n|---|---|');
  for (const [figure, value] of rows) console.log(`| ${figure} | ${value} |`);
}

function positiveInteger(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} ${String(value)} is not a positive integer`);
  return parsed;
}

main().catch((error: unknown) => {
  console.error(`render-step benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
