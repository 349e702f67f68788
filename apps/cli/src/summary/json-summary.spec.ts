import { describe, expect, it } from '@jest/globals';
import { toJsonSummary } from './json-summary.js';
import { aFinishedResult, aNoopResult } from './result-builders.js';

describe('toJsonSummary', () => {
  it('carries exactly the contract fields of a SUCCEEDED run', () => {
    const result = aFinishedResult();
    expect(toJsonSummary(result, 'mock')).toEqual({
      status: 'SUCCEEDED',
      runId: result.runId,
      stepId: result.stepId,
      outputsManifestGcsUri: result.outputsManifestGcsUri,
      itemsCount: 2,
      failuresCount: 0,
      minImages: 1,
      chartsApiMode: 'mock',
    });
  });

  it('adds the step error as code and message only, and null for a manifest that was not written', () => {
    const { outputsManifestGcsUri: _omit, ...rest } = aFinishedResult({
      status: 'FAILED',
      itemsCount: 0,
      failuresCount: 2,
      error: { code: 'MANIFEST_WRITE_FAILED', message: 'disk full', details: { objectPath: 'x' } },
    });
    expect(toJsonSummary(rest, 'mock')).toMatchObject({
      status: 'FAILED',
      outputsManifestGcsUri: null,
      error: { code: 'MANIFEST_WRITE_FAILED', message: 'disk full' },
    });
    expect(toJsonSummary(rest, 'mock')).not.toHaveProperty('error.details');
  });

  it('gives a NOOP its reason, message and the ids it knows', () => {
    expect(toJsonSummary(aNoopResult({ stepId: 's1', reason: 'step-not-ready' }), 'real')).toEqual({
      status: 'NOOP',
      reason: 'step-not-ready',
      message: 'no READY CHART_EXPORT step',
      runId: '20251215-102612_BTCUSDT_ab12',
      stepId: 's1',
      chartsApiMode: 'real',
    });
    expect(toJsonSummary(aNoopResult(), 'mock')).not.toHaveProperty('stepId');
  });
});
