import type { RunChartExportStepResult } from '@worker-chart-export/domain';

type Finished = Extract<RunChartExportStepResult, { status: 'SUCCEEDED' | 'FAILED' }>;
type Noop = Extract<RunChartExportStepResult, { status: 'NOOP' }>;

const RUN_ID = '20251215-102612_BTCUSDT_ab12';
const STEP_ID = 'charts:1h:ctpl_v1';

/** A finished result for specs: SUCCEEDED with two PNGs unless overridden. */
export function aFinishedResult(overrides: Partial<Finished> = {}): Finished {
  return {
    status: 'SUCCEEDED',
    runId: RUN_ID,
    flowKey: 'chart_flow_v1',
    stepId: STEP_ID,
    chartsApiMode: 'mock',
    minImages: 1,
    itemsCount: 2,
    failuresCount: 0,
    outputsManifestGcsUri: `gs://charts-local/charts/${RUN_ID}/${STEP_ID}/manifest.json`,
    pngObjectPaths: [`charts/${RUN_ID}/${STEP_ID}/20251215-102700_BTCUSDT_1h_a_v1.png`, `charts/${RUN_ID}/${STEP_ID}/20251215-102700_BTCUSDT_1h_b_v1.png`],
    usage: { calls: 0, succeeded: 0, failed: 0, replayed: 2, byAccount: {} },
    ...overrides,
  };
}

/** A NOOP result for specs. */
export function aNoopResult(overrides: Partial<Noop> = {}): Noop {
  return { status: 'NOOP', reason: 'no-ready-step', message: 'no READY CHART_EXPORT step', runId: RUN_ID, ...overrides };
}
