import { describe, expect, it } from '@jest/globals';
import { expectedStepPatch } from './__fixtures__/upstream-test-vectors.js';
import { gsUri } from './gs-uri.js';
import { longestObjectName, manifestObjectPath, parsePngObjectPath, pngObjectPath } from './object-paths.js';

const runId = '20251215-102530_BTCUSDT_k3f7a';
const stepId = 'charts:1M:ctpl_price_ma1226_vol_v1';

describe('pngObjectPath', () => {
  it('builds the path of the upstream naming example', () => {
    expect(
      pngObjectPath({
        runId,
        stepId,
        generatedAt: new Date('2025-12-15T10:26:12Z'),
        symbol: 'BTCUSDT',
        timeframe: '1M',
        chartTemplateId: 'ctpl_price_ma1226_vol_v1',
      }),
    ).toBe('charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/20251215-102612_BTCUSDT_1M_ctpl_price_ma1226_vol_v1.png');
  });

  it("keeps the flow's own timeframe string rather than the provider interval", () => {
    const path = pngObjectPath({
      runId,
      stepId: 'charts:1w',
      generatedAt: new Date('2025-01-02T03:04:05.678Z'),
      symbol: 'ETHUSDT',
      timeframe: '1w',
      chartTemplateId: 'ctpl_x',
    });
    expect(path).toBe(`charts/${runId}/charts:1w/20250102-030405_ETHUSDT_1w_ctpl_x.png`);
  });
});

describe('manifestObjectPath', () => {
  it('puts manifest.json in the step directory', () => {
    expect(manifestObjectPath(runId, stepId)).toBe(`charts/${runId}/${stepId}/manifest.json`);
  });

  it('gives the outputsManifestGcsUri of the upstream step patch vector', () => {
    expect(gsUri('ARTIFACTS_BUCKET', manifestObjectPath(runId, expectedStepPatch.stepId))).toBe(
      expectedStepPatch.expectedStepAfterSuccess.outputs.outputsManifestGcsUri,
    );
  });
});

describe('longestObjectName', () => {
  const parts = { runId, stepId: 's', symbol: 'BTCUSDT', timeframe: '1M' };

  it('measures bytes of UTF-8, not characters, and names the request with the longest PNG name', () => {
    const longest = longestObjectName({ ...parts, chartTemplateIds: ['a', 'ж'.repeat(10), 'b'.repeat(15)] });
    expect(longest).toEqual({ path: `charts/${runId}/s/20000101-000000_BTCUSDT_1M_${'ж'.repeat(10)}.png`, bytes: 90, requestIndex: 1 });
  });

  it('is the manifest when it is longer than every PNG name', () => {
    expect(longestObjectName({ ...parts, stepId: 's', chartTemplateIds: [] })).toEqual({ path: manifestObjectPath(runId, 's'), bytes: 52 });
  });
});

describe('parsePngObjectPath', () => {
  const step = { runId, stepId, symbol: 'BTCUSDT', timeframe: '1M' };

  it('reads back the template and the instant a PNG path was built from', () => {
    const path = pngObjectPath({ ...step, chartTemplateId: 'ctpl_price_ma1226_vol_v1', generatedAt: new Date('2025-12-15T10:26:13Z') });
    expect(parsePngObjectPath(path, step)).toEqual({ chartTemplateId: 'ctpl_price_ma1226_vol_v1', generatedAt: '2025-12-15T10:26:13Z' });
  });

  it('ignores the manifest, another step, and a PNG of another symbol or timeframe', () => {
    const path = pngObjectPath({ ...step, chartTemplateId: 'ctpl_a_v1', generatedAt: new Date('2025-12-15T10:26:13Z') });
    expect(parsePngObjectPath(manifestObjectPath(runId, stepId), step)).toBeUndefined();
    expect(parsePngObjectPath(path, { ...step, stepId: 'other' })).toBeUndefined();
    expect(parsePngObjectPath(path, { ...step, symbol: 'ETHUSDT' })).toBeUndefined();
    expect(parsePngObjectPath(path, { ...step, timeframe: '1w' })).toBeUndefined();
  });
});
