import { describe, expect, it } from '@jest/globals';
import { Value } from 'typebox/value';
import { ChartsOutputsManifestSchema } from '../contracts/charts-outputs-manifest.schema.js';
import type { FlowRun } from '../contracts/flow-run.schema.js';
import { domainError } from '../errors/error-codes.js';
import { aChartStep, aFlowRun } from './__fixtures__/flow-run-builder.js';
import { expectedManifest, flowRunReadyChartStep } from './__fixtures__/upstream-test-vectors.js';
import { buildManifest, buildValidationFailureManifest } from './build-manifest.js';
import { gsUri } from './gs-uri.js';
import { pngObjectPath } from './object-paths.js';
import { validateChartExportStep, type ChartExportStepInputs } from './validate-chart-export-step.js';

const at = new Date('2025-12-15T10:26:12Z');
const stepId = 'charts:1M:ctpl_price_ma1226_vol_v1';

function inputsOf(flowRun: FlowRun, id: string): ChartExportStepInputs {
  const result = validateChartExportStep(flowRun, id);
  if (!result.ok) throw new Error(result.error.message);
  return result.inputs;
}

const threeRequests: ChartExportStepInputs = {
  runId: '20251215-102530_BTCUSDT_k3f7a',
  flowKey: 'scheduled_month_week_report_v1',
  stepId: 's',
  symbol: 'BTCUSDT',
  timeframe: '4h',
  interval: '4h',
  minImages: 2,
  requests: [{ chartTemplateId: 'a' }, { chartTemplateId: 'b' }, { chartTemplateId: 'c' }],
};

describe('buildManifest', () => {
  it('reproduces the upstream expected manifest for the READY vector', () => {
    const inputs = inputsOf(flowRunReadyChartStep, stepId);
    const [request] = inputs.requests;
    if (request === undefined) throw new Error('vector has a request');
    const png = pngObjectPath({ ...inputs, generatedAt: at, chartTemplateId: request.chartTemplateId });
    const manifest = buildManifest({
      inputs,
      createdAt: at,
      outcomes: [{ type: 'item', request, kind: 'price + MA12/26 + Volume', generatedAt: at, pngGcsUri: gsUri('ARTIFACTS_BUCKET', png) }],
    });
    expect(manifest).toEqual(expectedManifest);
    expect(JSON.stringify(manifest)).toBe(JSON.stringify(expectedManifest));
  });

  it('orders items and failures by request order whatever order outcomes arrive in', () => {
    const manifest = buildManifest({
      inputs: threeRequests,
      createdAt: at,
      outcomes: [
        { type: 'item', request: { chartTemplateId: 'c' }, kind: 'C', generatedAt: at, pngGcsUri: 'gs://b/c.png' },
        { type: 'failure', request: { chartTemplateId: 'b' }, error: domainError('CHART_API_FAILED', 'HTTP 500', { httpStatus: 500 }) },
        { type: 'item', request: { chartTemplateId: 'a' }, kind: 'A', generatedAt: new Date('2025-12-15T10:26:13.500Z'), pngGcsUri: 'gs://b/a.png' },
      ],
    });
    expect(manifest.items.map((i) => [i.chartTemplateId, i.generatedAt])).toEqual([
      ['a', '2025-12-15T10:26:13Z'],
      ['c', '2025-12-15T10:26:12Z'],
    ]);
    expect(manifest.failures).toEqual([
      { request: { chartTemplateId: 'b' }, error: { code: 'CHART_API_FAILED', message: 'HTTP 500', details: { httpStatus: 500 } } },
    ]);
    expect(manifest.requested).toEqual(threeRequests.requests);
    expect(Value.Check(ChartsOutputsManifestSchema, manifest)).toBe(true);
  });

  it('writes an empty failures list when everything rendered and omits absent error details', () => {
    const empty = buildManifest({ inputs: threeRequests, createdAt: at, outcomes: [] });
    expect(empty.failures).toEqual([]);
    const failed = buildManifest({
      inputs: threeRequests,
      createdAt: at,
      outcomes: [{ type: 'failure', request: { chartTemplateId: 'a' }, error: domainError('CHART_API_MOCK_MISSING', 'no fixture') }],
    });
    expect(failed.failures?.[0]?.error).toStrictEqual({ code: 'CHART_API_MOCK_MISSING', message: 'no fixture' });
  });
});

describe('buildValidationFailureManifest', () => {
  const error = domainError('VALIDATION_FAILED', 'steps["s"].timeframe "7m" maps to interval "7m", which Chart-IMG does not offer');

  it('lists every request as failed with the step error', () => {
    const flowRun = aFlowRun({
      s: aChartStep({ timeframe: '7m', inputs: { minImages: 1, requests: [{ chartTemplateId: 'a' }, { chartTemplateId: 'b' }] } }),
    });
    const result = validateChartExportStep(flowRun, 's');
    if (result.ok) throw new Error('expected a failure');
    const manifest = buildValidationFailureManifest({ flowRun, stepId: 's', requests: result.requests, error: result.error, createdAt: at });
    expect(manifest).toEqual({
      schemaVersion: 1,
      runId: '20251215-102530_BTCUSDT_k3f7a',
      stepId: 's',
      createdAt: '2025-12-15T10:26:12Z',
      symbol: 'BTCUSDT',
      timeframe: '7m',
      minImages: 1,
      requested: [{ chartTemplateId: 'a' }, { chartTemplateId: 'b' }],
      items: [],
      failures: [
        { request: { chartTemplateId: 'a' }, error: result.error },
        { request: { chartTemplateId: 'b' }, error: result.error },
      ],
    });
    expect(Value.Check(ChartsOutputsManifestSchema, manifest)).toBe(true);
  });

  it('still writes a manifest for a symbol that breaks the naming rules but is a non-empty string', () => {
    const flowRun = aFlowRun({ s: aChartStep() }, { scope: { symbol: 'BTC/USDT' } });
    const manifest = buildValidationFailureManifest({ flowRun, stepId: 's', requests: [{ chartTemplateId: 'a' }], error, createdAt: at });
    expect(manifest?.symbol).toBe('BTC/USDT');
  });

  it.each([
    ['the runId breaks the pattern', aFlowRun({ s: aChartStep() }, { runId: 'bad' }), 's', [{ chartTemplateId: 'a' }]],
    ['the stepId is not path-safe', aFlowRun({ 'a/b': aChartStep() }), 'a/b', [{ chartTemplateId: 'a' }]],
    ['there is no readable request', aFlowRun({ s: aChartStep() }), 's', []],
    ['minImages is not a count', aFlowRun({ s: aChartStep({ inputs: { minImages: -1 } }) }), 's', [{ chartTemplateId: 'a' }]],
    ['the timeframe is missing', aFlowRun({ s: aChartStep({ timeframe: undefined }) }), 's', [{ chartTemplateId: 'a' }]],
    ['the symbol is empty', aFlowRun({ s: aChartStep() }, { scope: { symbol: '' } }), 's', [{ chartTemplateId: 'a' }]],
    ['the step is missing', aFlowRun({}), 's', [{ chartTemplateId: 'a' }]],
    ['the runId is over 200 characters', aFlowRun({ s: aChartStep() }, { runId: `20251215-102530_${'B'.repeat(300)}_k3f7a` }), 's', [{ chartTemplateId: 'a' }]],
    ['a PNG name would pass 1024 bytes', aFlowRun({ ['図'.repeat(200)]: aChartStep() }), '図'.repeat(200), [{ chartTemplateId: 'ж'.repeat(200) }]],
  ])('gives nothing when %s', (_label, flowRun, id, requests) => {
    expect(buildValidationFailureManifest({ flowRun, stepId: id, requests, error, createdAt: at })).toBeUndefined();
  });
});
