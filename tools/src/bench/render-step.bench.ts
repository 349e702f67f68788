// Benchmark of one CHART_EXPORT step (issue 3, "Performance"). Not a test: it prints numbers.
//   npx tsx tools/src/bench/render-step.bench.ts [--latency-ms 300] [--reps 5] [--steps 200] [--warmup 50]
// (a) wall time of a 5-template step through the real composition against the fake Chart-IMG at a fixed
//     latency, at concurrency 1 (sequential), 4 (the default) and 5;
// (b) the worker's own overhead per 5-template step with in-memory adapters and an instant provider.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { FsBlobStore, FsTemplateRepo, InMemoryAccountPool, InMemoryStepLeaseStore, SystemClock } from '@worker-chart-export/adapter-local';
import { createEventLog } from '@worker-chart-export/adapter-logging';
import {
  DEFAULT_CHART_EXPORT_SETTINGS,
  RunChartExportStep,
  type BlobStore,
  type ChartApi,
  type ChartImgAccount,
  type EventLog,
  type TemplateRepo,
} from '@worker-chart-export/domain';
import { InMemoryBlobStore, InMemoryFlowRunStore, MapTemplateRepo, ScriptedChartApi, okPng } from '@worker-chart-export/domain/testing';
import { TEMPLATES_DIR } from '../chart-png/repo-paths.js';
import { startFakeChartImg } from '../fake-chart-img/index.js';
import { exampleFlowRunFactory } from './bench-flow-run.js';
import { durationStats, ms } from './bench-stats.js';

const BUCKET = 'charts-bench';
const SEED_TEMPLATE_IDS = [
  'ctpl_price_ma1226_bb_macd1226_v1',
  'ctpl_price_ma1226_vol_v1',
  'ctpl_price_psar_adi_v1',
  'ctpl_price_rsi14_stochrsi_v1',
  'ctpl_price_vpvr_obv_v1',
];

const silentLog: EventLog = { log: () => undefined, child: () => silentLog };

interface StepParts {
  readonly templates: TemplateRepo;
  readonly blobs: BlobStore;
  readonly chartApi: ChartApi;
  readonly accounts: readonly ChartImgAccount[];
  readonly log: EventLog;
  readonly concurrency: number;
}

/** One step's composition, as the CLI builds it but with the flow_run in memory; `run(i)` executes step i and returns its wall time. */
function composeStep(parts: StepParts, flowRunFor: (index: number) => Record<string, unknown>): (index: number) => Promise<number> {
  const clock = new SystemClock();
  const flowRuns = new InMemoryFlowRunStore();
  const useCase = new RunChartExportStep(
    {
      flowRuns,
      templates: parts.templates,
      blobs: parts.blobs,
      chartApi: parts.chartApi,
      accounts: new InMemoryAccountPool(parts.accounts, clock),
      leases: new InMemoryStepLeaseStore(),
      clock,
      log: parts.log,
      owner: 'bench',
    },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: BUCKET, concurrency: parts.concurrency },
  );
  return async (index) => {
    const flowRun = flowRunFor(index);
    flowRuns.put(flowRun);
    const started = performance.now();
    const result = await useCase.execute({ runId: String(flowRun['runId']) });
    const elapsed = performance.now() - started;
    if (result.status !== 'SUCCEEDED' || result.itemsCount !== SEED_TEMPLATE_IDS.length) {
      throw new Error(`step ${index} ended ${result.status} with ${result.status === 'NOOP' ? 0 : result.itemsCount} items: ${JSON.stringify(result)}`);
    }
    return elapsed;
  };
}

async function benchAgainstFake(latencyMs: number, reps: number, flowRunFor: (index: number) => Record<string, unknown>): Promise<void> {
  const concurrencies = [1, 4, 5];
  // One PRO account per setting, so one setting's calls never eat another's rate-limit tokens.
  const accountOf = (concurrency: number): ChartImgAccount => ({
    id: `bench-pro-c${concurrency}`,
    apiKey: `bench-key-c${concurrency}-0123456789`,
    plan: 'PRO',
    dailyLimit: 500,
    priority: 100,
  });
  const fake = await startFakeChartImg({ accounts: concurrencies.map((c) => ({ ...accountOf(c), plan: 'PRO' as const })), latencyMs });
  const storageDir = await mkdtemp(join(tmpdir(), 'bench-render-step-'));
  const medians = new Map<number, number>();
  let index = 0;
  try {
    console.log(`(a) one 5-template step, real composition (GotChartApi + InMemoryAccountPool + FsBlobStore + FsTemplateRepo) against the fake Chart-IMG at L = ${latencyMs} ms`);
    console.log(`    1 warm-up + ${reps} measured steps per setting; wall time of RunChartExportStep.execute()`);
    for (const concurrency of concurrencies) {
      const account = accountOf(concurrency);
      const run = composeStep(
        {
          templates: new FsTemplateRepo(TEMPLATES_DIR),
          blobs: new FsBlobStore(storageDir),
          chartApi: new GotChartApi({ baseUrl: fake.url, keyring: new AccountKeyring([account]), clock: new SystemClock() }),
          accounts: [account],
          log: silentLog,
          concurrency,
        },
        flowRunFor,
      );
      await run(index++);
      const samples: number[] = [];
      for (let rep = 0; rep < reps; rep += 1) samples.push(await run(index++));
      const stats = durationStats(samples);
      medians.set(concurrency, stats.p50);
      const verdict = stats.p50 <= 1.3 * latencyMs ? 'meets' : 'misses';
      console.log(
        `    concurrency ${concurrency}: median ${ms(stats.p50, 0)} ms (min ${ms(stats.min, 0)}, max ${ms(stats.max, 0)}) = ${ms(stats.p50 / latencyMs, 2)} x L; ${verdict} step <= 1.3 x L (${ms(1.3 * latencyMs, 0)} ms)`,
      );
    }
    const sequential = medians.get(1) as number;
    for (const concurrency of concurrencies.slice(1)) {
      console.log(`    speed-up concurrency ${concurrency} vs 1: ${ms(sequential / (medians.get(concurrency) as number), 2)}x`);
    }
    const refused = fake.calls.filter((call) => call.status !== 200);
    console.log(`    fake saw ${fake.calls.length} calls, ${refused.length} not 200${refused.length > 0 ? ` (${[...new Set(refused.map((c) => `${c.status} ${c.message ?? ''}`))].join(', ')})` : ''}`);
  } finally {
    await fake.close();
    await rm(storageDir, { recursive: true, force: true });
  }
}

async function benchOverhead(steps: number, warmup: number, flowRunFor: (index: number) => Record<string, unknown>): Promise<void> {
  const templates = new MapTemplateRepo(
    Object.fromEntries(
      await Promise.all(
        SEED_TEMPLATE_IDS.map(async (id) => [id, (await new FsTemplateRepo(TEMPLATES_DIR).get(id))?.data] as const),
      ),
    ),
  );
  const png = okPng(800, 600);
  const account: ChartImgAccount = { id: 'bench-instant', apiKey: 'bench-instant-key-0123456789', plan: 'PRO', dailyLimit: 1_000_000, priority: 100 };
  const nullStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  const winstonLog = createEventLog({ service: 'worker-chart-export', env: 'bench', level: 'info', stream: nullStream, secrets: [account.apiKey] });
  const variants = [
    { name: 'silent EventLog', log: silentLog },
    { name: 'winston EventLog (info) to a null stream', log: winstonLog },
  ];
  console.log(`(b) worker overhead per 5-template step: in-memory flow_run/templates/blobs/leases, InMemoryAccountPool, instant provider (ScriptedChartApi)`);
  console.log(`    ${warmup} warm-up steps, then ${steps} measured steps per variant; concurrency 4`);
  let index = 1_000_000;
  for (const variant of variants) {
    const run = composeStep(
      { templates, blobs: new InMemoryBlobStore(), chartApi: new ScriptedChartApi(() => png), accounts: [account], log: variant.log, concurrency: 4 },
      flowRunFor,
    );
    for (let i = 0; i < warmup; i += 1) await run(index++);
    const samples: number[] = [];
    for (let i = 0; i < steps; i += 1) samples.push(await run(index++));
    const stats = durationStats(samples);
    console.log(
      `    ${variant.name}: mean ${ms(stats.mean, 2)} ms, p50 ${ms(stats.p50, 2)} ms, p95 ${ms(stats.p95, 2)} ms, max ${ms(stats.max, 2)} ms; ${stats.p95 < 20 ? 'meets' : 'misses'} < 20 ms at p95`,
    );
  }
  await winstonLog.flush();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string', default: '300' },
      reps: { type: 'string', default: '5' },
      steps: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '50' },
    },
  });
  const latencyMs = positiveInteger('--latency-ms', values['latency-ms']);
  const reps = positiveInteger('--reps', values.reps);
  const steps = positiveInteger('--steps', values.steps);
  const warmup = positiveInteger('--warmup', values.warmup);
  console.log(`render-step benchmark, ${new Date().toISOString()}: node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
  const flowRunFor = await exampleFlowRunFactory();
  await benchAgainstFake(latencyMs, reps, flowRunFor);
  await benchOverhead(steps, warmup, flowRunFor);
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
