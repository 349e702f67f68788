// The flow engine's test vectors for this worker (the files in fixtures/upstream/) as values, so domain specs
// need not read files. The READY flow_run is what the shared builders make by default; the tools' contract
// specs check that it still equals the file.
import type { ChartsOutputsManifest } from '../../contracts/charts-outputs-manifest.schema.js';
import type { FlowRun } from '../../contracts/flow-run.schema.js';
import { anUpstreamReadyFlowRun } from '../../testing/builders.js';

/** test_vectors/flow_run_ready_chart_step.json */
export const flowRunReadyChartStep = anUpstreamReadyFlowRun() as unknown as FlowRun;

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
