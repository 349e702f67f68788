import { describe, expect, it } from '@jest/globals';
import { formatTextSummary, localPathOf } from './text-summary.js';
import { aFinishedResult, aNoopResult } from './result-builders.js';

const storage = { storageDir: '/tmp/out', bucket: 'charts-local' };

describe('formatTextSummary', () => {
  it('starts with the outcome line and lists the local manifest, its public URL and every PNG', () => {
    const result = aFinishedResult();
    const lines = formatTextSummary(result, storage).split('\n');
    expect(lines[0]).toBe(`CHART_EXPORT SUCCEEDED: manifest=${result.outputsManifestGcsUri}, items=2, failures=0, minImages=1`);
    const text = lines.join('\n');
    expect(text).toContain(`manifest: /tmp/out/charts-local/charts/${result.runId}/${result.stepId}/manifest.json`);
    expect(text).toContain(`public:   https://storage.googleapis.com/charts-local/charts/${result.runId}/charts%3A1h%3Actpl_v1/manifest.json`);
    for (const png of result.pngObjectPaths) expect(text).toContain(`    /tmp/out/charts-local/${png}`);
  });

  it('shows the step error of a FAILED run', () => {
    const text = formatTextSummary(
      aFinishedResult({ status: 'FAILED', error: { code: 'CHART_API_MOCK_MISSING', message: '0 of 1 charts rendered, minImages=1' } }),
      storage,
    );
    expect(text).toMatch(/^CHART_EXPORT FAILED: /);
    expect(text).toContain('error:    CHART_API_MOCK_MISSING: 0 of 1 charts rendered, minImages=1');
  });

  it('says when the manifest was not written', () => {
    const { outputsManifestGcsUri: _omit, ...rest } = aFinishedResult({ status: 'FAILED' });
    expect(formatTextSummary(rest, storage)).toContain('manifest=(not written)');
  });

  it('explains a NOOP with its reason', () => {
    expect(formatTextSummary(aNoopResult(), storage)).toMatch(/^CHART_EXPORT NOOP \(no-ready-step\): no READY CHART_EXPORT step/);
  });
});

describe('localPathOf', () => {
  it('places an object at <storage-dir>/<bucket>/<object>', () => {
    expect(localPathOf({ storageDir: '.charts-out', bucket: 'b' }, 'charts/r/s/manifest.json')).toBe('.charts-out/b/charts/r/s/manifest.json');
  });

  it('names an object stored in Cloud Storage (no storage dir) by its gs:// URI', () => {
    expect(localPathOf({ bucket: 'b' }, 'charts/r/s/manifest.json')).toBe('gs://b/charts/r/s/manifest.json');
  });
});
