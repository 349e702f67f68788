// Copies of the test vectors in the flow engine's specification for this worker (also in fixtures/upstream/),
// kept here so tests never read outside the repository.
import type { ChartsOutputsManifest } from '../../contracts/charts-outputs-manifest.schema.js';
import type { FlowRun } from '../../contracts/flow-run.schema.js';

/** test_vectors/flow_run_ready_chart_step.json */
export const flowRunReadyChartStep: FlowRun = {
  schemaVersion: 1,
  runId: '20251215-102530_BTCUSDT_k3f7a',
  flowKey: 'scheduled_month_week_report_v1',
  status: 'RUNNING',
  createdAt: '2025-12-15T10:25:30Z',
  trigger: { type: 'SCHEDULER', source: 'flow1-every-4h' },
  scope: { symbol: 'BTCUSDT' },
  steps: {
    'charts:1M:ctpl_price_ma1226_vol_v1': {
      stepType: 'CHART_EXPORT',
      status: 'READY',
      timeframe: '1M',
      createdAt: '2025-12-15T10:25:46Z',
      dependsOn: ['ohlcv_export:1M'],
      inputs: {
        minImages: 1,
        requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }],
      },
      outputs: {},
    },
  },
};

/** test_vectors/expected_manifest.json */
export const expectedManifest: ChartsOutputsManifest = {
  schemaVersion: 1,
  runId: '20251215-102530_BTCUSDT_k3f7a',
  stepId: 'charts:1M:ctpl_price_ma1226_vol_v1',
  createdAt: '2025-12-15T10:26:12Z',
  symbol: 'BTCUSDT',
  timeframe: '1M',
  minImages: 1,
  requested: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }],
  items: [
    {
      chartTemplateId: 'ctpl_price_ma1226_vol_v1',
      kind: 'price + MA12/26 + Volume',
      generatedAt: '2025-12-15T10:26:12Z',
      png_gcs_uri:
        'gs://ARTIFACTS_BUCKET/charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/20251215-102612_BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png',
    },
  ],
  failures: [],
};

/** test_vectors/expected_flow_run_step_patch.json */
export const expectedStepPatch = {
  stepId: 'charts:1M:ctpl_price_ma1226_vol_v1',
  expectedStepAfterSuccess: {
    status: 'SUCCEEDED',
    finishedAt: '2025-12-15T10:26:15Z',
    outputs: {
      outputsManifestGcsUri: 'gs://ARTIFACTS_BUCKET/charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/manifest.json',
    },
  },
} as const;
