import { describe, expect, it } from '@jest/globals';
import { Format } from 'typebox/format';
import { Type } from 'typebox';
import { expectedManifest } from '../rules/__fixtures__/upstream-test-vectors.js';
import { aChartExportStep, aFlowRun, REMOVE_FIELD, STEP_ID, withField } from '../testing/builders.js';
import { createSchemaValidator } from './create-schema-validator.js';
import {
  assertValidManifest,
  formatIssues,
  validateAccountsConfigShape,
  validateChartTemplateShape,
  validateChartsOutputsManifest,
  validateFlowRun,
  type ValidationIssue,
} from './validators.js';

function readyFlowRun(): Record<string, unknown> {
  return aFlowRun({
    'ohlcv_export:1M': {
      stepType: 'OHLCV_EXPORT',
      status: 'SUCCEEDED',
      createdAt: '2025-12-15T10:25:31Z',
      dependsOn: [],
      inputs: { anything: 'goes' },
      outputs: { gcs_uri: 'gcs://legacy-scheme/is/not/our/business.json' },
    },
    [STEP_ID]: aChartExportStep({ dependsOn: ['ohlcv_export:1M'] }),
  });
}

function manifest(): Record<string, unknown> {
  return structuredClone(expectedManifest);
}

function issuesOf(result: { ok: boolean; issues?: ValidationIssue[] }): ValidationIssue[] {
  if (result.ok) throw new Error('expected the value to be rejected');
  return result.issues ?? [];
}

describe('validateFlowRun', () => {
  it('accepts a READY CHART_EXPORT flow_run and returns it typed', () => {
    const doc = readyFlowRun();
    const result = validateFlowRun(doc);
    expect(result).toEqual({ ok: true, value: doc });
  });

  it('names the CHART_EXPORT input field when minImages is negative', () => {
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'inputs', 'minImages'], -1);
    const issues = issuesOf(validateFlowRun(doc));
    expect(issues).toEqual([{ path: `steps["${STEP_ID}"].inputs.minImages`, message: 'must be >= 0', value: -1 }]);
    expect(formatIssues(issues)).toBe(`steps["${STEP_ID}"].inputs.minImages must be >= 0 (got -1)`);
  });

  it('rejects a CHART_EXPORT step without requests, naming the field', () => {
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'inputs', 'requests'], []);
    expect(issuesOf(validateFlowRun(doc))).toEqual([{ path: `steps["${STEP_ID}"].inputs.requests`, message: 'must have at least 1 item' }]);
  });

  it('rejects a CHART_EXPORT step with more than 50 requests, naming the field', () => {
    const requests = Array.from({ length: 51 }, (_, i) => ({ chartTemplateId: `t${i}` }));
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'inputs', 'requests'], requests);
    expect(issuesOf(validateFlowRun(doc))).toEqual([{ path: `steps["${STEP_ID}"].inputs.requests`, message: 'must have at most 50 items' }]);
    expect(validateFlowRun(withField(doc, ['steps', STEP_ID, 'inputs', 'requests'], requests.slice(0, 50))).ok).toBe(true);
  });

  it('rejects a pattern-valid runId longer than 200 characters', () => {
    const runId = `20251215-102530_${'B'.repeat(200)}_k3f7a`;
    const [issue] = issuesOf(validateFlowRun(withField(readyFlowRun(), ['runId'], runId)));
    expect(issue).toMatchObject({ path: 'runId', message: 'must be at most 200 characters long' });
  });

  it('requires a timeframe on CHART_EXPORT steps only', () => {
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'timeframe'], REMOVE_FIELD);
    expect(issuesOf(validateFlowRun(doc))).toEqual([{ path: `steps["${STEP_ID}"].timeframe`, message: 'is required' }]);
  });

  it('requires outputsManifestGcsUri once a CHART_EXPORT step SUCCEEDED', () => {
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'status'], 'SUCCEEDED');
    expect(issuesOf(validateFlowRun(doc))).toEqual([{ path: `steps["${STEP_ID}"].outputs.outputsManifestGcsUri`, message: 'is required' }]);
    const uri = `gs://b/charts/r/${STEP_ID}/manifest.json`;
    expect(validateFlowRun(withField(doc, ['steps', STEP_ID, 'outputs'], { outputsManifestGcsUri: uri })).ok).toBe(true);
  });

  it('rejects a timestamp that is not RFC 3339 with an offset', () => {
    for (const bad of ['yesterday', '2025-12-15T10:25:30', '2025-02-30T10:00:00Z']) {
      const doc = withField(readyFlowRun(), ['createdAt'], bad);
      expect(issuesOf(validateFlowRun(doc))).toEqual([
        { path: 'createdAt', message: 'must be an RFC 3339 date-time with an offset, e.g. 2025-12-15T10:26:12Z', value: bad },
      ]);
    }
  });

  it('rejects an extra field in a step, naming it', () => {
    const doc = withField(readyFlowRun(), ['steps', STEP_ID, 'lease'], { owner: 'w1' });
    expect(issuesOf(validateFlowRun(doc))).toEqual([{ path: `steps["${STEP_ID}"].lease`, message: 'is not an allowed field' }]);
  });

  it('rejects a runId that does not match the pattern', () => {
    const doc = withField(readyFlowRun(), ['runId'], 'run/1');
    const [issue] = issuesOf(validateFlowRun(doc));
    expect(issue).toMatchObject({ path: 'runId', value: 'run/1' });
    expect(issue?.message).toMatch(/^must match the pattern \^\[0-9\]\{8\}/);
  });

  it('lists every missing required field and an unknown status', () => {
    const doc = withField(withField(withField(readyFlowRun(), ['runId'], REMOVE_FIELD), ['trigger'], REMOVE_FIELD), ['steps', STEP_ID, 'status'], 'DONE');
    expect(issuesOf(validateFlowRun(doc))).toEqual(
      expect.arrayContaining([
        { path: 'runId', message: 'is required' },
        { path: 'trigger', message: 'is required' },
        {
          path: `steps["${STEP_ID}"].status`,
          message: 'must be one of PENDING, READY, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED',
          value: 'DONE',
        },
      ]),
    );
  });

  it('describes a document that is not an object at the root', () => {
    expect(issuesOf(validateFlowRun([]))).toEqual([{ path: '(root)', message: 'must be an object' }]);
    expect(issuesOf(validateFlowRun('{}'))).toEqual([{ path: '(root)', message: 'must be an object', value: '{}' }]);
  });
});

describe('validateChartsOutputsManifest', () => {
  it('accepts the upstream-shaped manifest', () => {
    expect(validateChartsOutputsManifest(manifest()).ok).toBe(true);
  });

  it('names the item whose png_gcs_uri is not a gs:// URI', () => {
    const doc = withField(manifest(), ['items', 0, 'png_gcs_uri'], 'https://storage.googleapis.com/bucket/x.png');
    expect(issuesOf(validateChartsOutputsManifest(doc))).toEqual([
      { path: 'items[0].png_gcs_uri', message: 'must match the pattern ^gs://.+', value: 'https://storage.googleapis.com/bucket/x.png' },
    ]);
  });

  it('names the failure whose error has no code', () => {
    const doc = withField(manifest(), ['failures'], [{ request: { chartTemplateId: 't' }, error: { message: 'boom' } }]);
    expect(issuesOf(validateChartsOutputsManifest(doc))).toEqual([{ path: 'failures[0].error.code', message: 'is required' }]);
  });
});

describe('assertValidManifest', () => {
  it('returns quietly for a valid manifest', () => {
    expect(() => assertValidManifest(manifest())).not.toThrow();
  });

  it('throws an Error whose message names the field and value', () => {
    const doc = withField(manifest(), ['minImages'], -1);
    expect(() => assertValidManifest(doc)).toThrow(new Error('invalid ChartsOutputsManifest: minImages must be >= 0 (got -1)'));
  });
});

describe('validateChartTemplateShape', () => {
  it('accepts a seed-shaped template', () => {
    const template = { id: 't1', description: 'price', chartImgSymbolTemplate: 'BINANCE:{symbol}', request: { height: 600 } };
    expect(validateChartTemplateShape(template)).toEqual({ ok: true, value: template });
  });

  it('names a missing request and an unknown top-level field', () => {
    const issues = issuesOf(validateChartTemplateShape({ id: 't1', description: 'd', chartImgSymbolTemplate: 'X:{symbol}', studies: [] }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'request', message: 'is required' },
        { path: 'studies', message: 'is not an allowed field' },
      ]),
    );
    expect(issues).toHaveLength(2);
  });
});

describe('validateAccountsConfigShape', () => {
  it('accepts entries with and without the optional fields', () => {
    const config = [
      { id: 'a', apiKey: 'k1' },
      { id: 'b', apiKey: 'k2', plan: 'PRO', dailyLimit: 0, priority: 5 },
    ];
    expect(validateAccountsConfigShape(config)).toEqual({ ok: true, value: config });
  });

  it('names the bad fields without ever carrying a value, so keys cannot leak', () => {
    const secret = 'sk-live-very-secret-key';
    const result = validateAccountsConfigShape([{ id: 'a', apiKey: secret, plan: 'GOLD', dailyLimit: -2 }, secret, { id: 'c', apiKey: 42 }]);
    const issues = issuesOf(result);
    expect(issues).toEqual([
      { path: '[0].dailyLimit', message: 'must be >= 0' },
      { path: '[0].plan', message: 'must be one of BASIC, PRO, MEGA, ULTRA, ENTERPRISE' },
      { path: '[1]', message: 'must be an object' },
      { path: '[2].apiKey', message: 'must be a string' },
    ]);
    expect(JSON.stringify(issues) + formatIssues(issues)).not.toMatch(/very-secret|42/);
  });
});

describe('formatIssues', () => {
  it('cuts long values so a 10k-character string never appears whole', () => {
    const long = 'x'.repeat(10_000);
    const doc = withField(readyFlowRun(), ['createdAt'], long);
    const line = formatIssues(issuesOf(validateFlowRun(doc)));
    expect(line).toContain('createdAt must be an RFC 3339 date-time');
    expect(line).toContain('(10000 chars)');
    expect(line.length).toBeLessThan(300);
    expect(line).not.toContain('x'.repeat(300));
  });

  it('shows at most max issues and counts the rest', () => {
    const issues = ['a', 'b', 'c', 'd'].map((path) => ({ path, message: 'is required' }));
    expect(formatIssues(issues, 2)).toBe('a is required; b is required; and 2 more');
  });

  it('renders containers by kind rather than dumping them', () => {
    expect(formatIssues([{ path: 'steps', message: 'must be an object', value: [1, 2, 3] }])).toBe('steps must be an object (got an array of 3)');
  });
});

describe('createSchemaValidator', () => {
  it('keeps checking date-time even when the global format registry was cleared', () => {
    Format.Clear();
    try {
      const check = createSchemaValidator(Type.Object({ at: Type.String({ format: 'date-time' }) }));
      expect(check({ at: 'not a time' }).ok).toBe(false);
      expect(check({ at: '2025-12-15T10:26:12Z' }).ok).toBe(true);
    } finally {
      Format.Reset();
    }
  });

  it('quotes object keys that are not identifiers', () => {
    const check = createSchemaValidator(Type.Record(Type.String(), Type.Integer()));
    expect(issuesOf(check({ 'a/b~c': 'x' }))).toEqual([{ path: '["a/b~c"]', message: 'must be an integer', value: 'x' }]);
  });
});
