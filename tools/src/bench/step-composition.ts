import { performance } from 'node:perf_hooks';
import { InMemoryStepLeaseStore, SystemClock } from '@worker-chart-export/adapter-local';
import {
  DEFAULT_CHART_EXPORT_SETTINGS,
  RunChartExportStep,
  type AccountPool,
  type BlobStore,
  type ChartApi,
  type EventLog,
  type TemplateRepo,
} from '@worker-chart-export/domain';
import { InMemoryFlowRunStore } from '@worker-chart-export/domain/testing';

export const BENCH_BUCKET = 'charts-bench';
export const SEED_TEMPLATE_IDS = [
  'ctpl_price_ma1226_bb_macd1226_v1',
  'ctpl_price_ma1226_vol_v1',
  'ctpl_price_psar_adi_v1',
  'ctpl_price_rsi14_stochrsi_v1',
  'ctpl_price_vpvr_obv_v1',
];

export const silentLog: EventLog = { log: () => undefined, child: () => silentLog };

export interface StepParts {
  readonly templates: TemplateRepo;
  readonly blobs: BlobStore;
  readonly chartApi: ChartApi;
  readonly accounts: AccountPool;
  readonly log: EventLog;
  /** The cap on requests in flight; absent: the default. */
  readonly concurrency?: number;
}

/**
 * One step's composition, as the CLI builds it but with the flow_run in memory: `run(i)` executes step i (a fresh
 * runId) and resolves its wall time in ms; a step that does not render all five charts throws.
 */
export function composeStep(parts: StepParts, flowRunFor: (index: number) => Record<string, unknown>): (index: number) => Promise<number> {
  const clock = new SystemClock();
  const flowRuns = new InMemoryFlowRunStore();
  const useCase = new RunChartExportStep(
    {
      flowRuns,
      templates: parts.templates,
      blobs: parts.blobs,
      chartApi: parts.chartApi,
      accounts: parts.accounts,
      leases: new InMemoryStepLeaseStore(),
      clock,
      log: parts.log,
      owner: 'bench',
    },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: BENCH_BUCKET, ...(parts.concurrency === undefined ? {} : { concurrency: parts.concurrency }) },
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
