import { describe, expect, it } from '@jest/globals';
import type { FlowRun } from '../contracts/flow-run.schema.js';
import { aChartExportStep, aFlowRun } from '../testing/builders.js';
import { findOhlcvSource } from './find-ohlcv-source.js';

const CHARTS = 'charts:1h:all_templates';
const anOhlcvExport = (timeframe: string, outputs: Record<string, unknown>, status = 'SUCCEEDED') => ({
  stepType: 'OHLCV_EXPORT',
  status,
  timeframe,
  createdAt: '2025-12-15T10:25:31Z',
  dependsOn: [],
  inputs: { symbol: 'BTCUSDT', timeframe },
  outputs,
});
const flowRunWith = (steps: Record<string, unknown>) => aFlowRun(steps) as unknown as FlowRun;

describe('findOhlcvSource', () => {
  it('takes inputs.ohlcv_gcs_uri when the step names it', () => {
    const flowRun = flowRunWith({ [CHARTS]: aChartExportStep({ timeframe: '1h' }, { ohlcv_gcs_uri: 'gs://flows/ohlcv/run/1h.json' }) });

    expect(findOhlcvSource(flowRun, CHARTS)).toEqual({ ok: true, gsUri: 'gs://flows/ohlcv/run/1h.json', from: 'inputs.ohlcv_gcs_uri' });
  });

  it('else the output of the OHLCV_EXPORT dependency with the same timeframe, gcs:// read as gs://', () => {
    const flowRun = flowRunWith({
      'ohlcv_export:4h': anOhlcvExport('4h', { gcs_uri: 'gs://flows/ohlcv/4h.json' }),
      'ohlcv_export:1h': anOhlcvExport('1h', { gcs_uri: 'gcs://flows/ohlcv/1h.json' }),
      [CHARTS]: aChartExportStep({ timeframe: '1h', dependsOn: ['ohlcv_export:4h', 'ohlcv_export:1h'] }),
    });

    expect(findOhlcvSource(flowRun, CHARTS)).toEqual({ ok: true, gsUri: 'gs://flows/ohlcv/1h.json', from: 'steps["ohlcv_export:1h"].outputs.gcs_uri' });
  });

  it('explains why there is none: no URI and no dependency of that timeframe', () => {
    const flowRun = flowRunWith({
      'ohlcv_export:4h': anOhlcvExport('4h', { gcs_uri: 'gs://flows/ohlcv/4h.json' }),
      [CHARTS]: aChartExportStep({ timeframe: '1h', dependsOn: ['ohlcv_export:4h'] }),
    });

    expect(findOhlcvSource(flowRun, CHARTS)).toEqual({
      ok: false,
      reason: `steps["${CHARTS}"] has no inputs.ohlcv_gcs_uri and depends on no OHLCV_EXPORT step with timeframe "1h"`,
    });
  });

  it('refuses a dependency without a gs:// output, and an inputs URI that is not gs://', () => {
    const unfinished = flowRunWith({
      'ohlcv_export:1h': anOhlcvExport('1h', {}, 'RUNNING'),
      [CHARTS]: aChartExportStep({ timeframe: '1h', dependsOn: ['ohlcv_export:1h'] }),
    });
    const badInput = flowRunWith({ [CHARTS]: aChartExportStep({ timeframe: '1h' }, { ohlcv_gcs_uri: 'https://example.com/x.json' }) });

    expect(findOhlcvSource(unfinished, CHARTS)).toEqual({
      ok: false,
      reason: 'OHLCV_EXPORT step "ohlcv_export:1h" has no gs:// outputs.gcs_uri (status RUNNING)',
    });
    expect(findOhlcvSource(badInput, CHARTS)).toEqual({
      ok: false,
      reason: `steps["${CHARTS}"].inputs.ohlcv_gcs_uri is not gs://<bucket>/<object> (got "https://example.com/x.json")`,
    });
  });
});
