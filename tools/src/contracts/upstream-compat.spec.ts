import { describe, expect, it } from '@jest/globals';
import { validateChartsOutputsManifest, validateFlowRun, type ValidationResult } from '@worker-chart-export/domain';
import { anUpstreamReadyFlowRun, REMOVE_FIELD, withField } from '@worker-chart-export/domain/testing';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderContractDocuments } from './contract-documents.js';
import { readRepoJson } from './repo-files.js';

type Json = Record<string, unknown>;
type Kind = 'flowRun' | 'manifest';

function compile(schema: unknown): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  addFormats.default(ajv);
  return ajv.compile(schema as object);
}

const rendered = renderContractDocuments();
const ours: Record<Kind, ValidateFunction> = {
  flowRun: compile(JSON.parse(rendered.get('flow_run.schema.json') ?? 'null')),
  manifest: compile(JSON.parse(rendered.get('charts_outputs_manifest.schema.json') ?? 'null')),
};
const upstream: Record<Kind, ValidateFunction> = {
  flowRun: compile(readRepoJson('fixtures/upstream/flow_run.schema.json')),
  manifest: compile(readRepoJson('fixtures/upstream/charts_outputs_manifest.schema.json')),
};
const typebox: Record<Kind, (value: unknown) => ValidationResult<unknown>> = {
  flowRun: validateFlowRun,
  manifest: validateChartsOutputsManifest,
};

const fixture = (name: string): Json => readRepoJson(`fixtures/upstream/${name}`) as Json;
const readyVector = (): Json => fixture('flow_run_ready_chart_step.json');
const expectedManifest = (): Json => fixture('expected_manifest.json');

/** The READY vector with `expected_flow_run_step_patch.json` applied to its step. */
function succeededVector(): Json {
  const run = readyVector();
  const { stepId, expectedStepAfterSuccess } = fixture('expected_flow_run_step_patch.json') as { stepId: string; expectedStepAfterSuccess: Json };
  const step = (run['steps'] as Record<string, Json>)[stepId];
  return withField(run, ['steps', stepId], { ...step, ...expectedStepAfterSuccess });
}

const STEP = 'charts:1M:ctpl_price_ma1226_vol_v1';
const documents: [string, Kind, () => Json][] = [
  ['the READY flow_run vector', 'flowRun', readyVector],
  ['the READY vector with the expected step patch applied', 'flowRun', succeededVector],
  ['the general flow_run example', 'flowRun', () => fixture('flow_run.example.json')],
  ['the expected manifest', 'manifest', expectedManifest],
];

function mutate(base: () => Json, path: readonly (string | number)[], value: unknown): () => Json {
  return () => withField(base(), path, value);
}

const broken: [string, Kind, () => Json][] = [
  ['a flow_run whose runId breaks the pattern', 'flowRun', mutate(readyVector, ['runId'], '2025-12-15_BTCUSDT_k3f7a')],
  ['a CHART_EXPORT step with minImages -1', 'flowRun', mutate(readyVector, ['steps', STEP, 'inputs', 'minImages'], -1)],
  ['a step with an extra field', 'flowRun', mutate(readyVector, ['steps', STEP, 'leaseOwner'], 'worker-1')],
  ['a CHART_EXPORT step without requests', 'flowRun', mutate(readyVector, ['steps', STEP, 'inputs', 'requests'], REMOVE_FIELD)],
  ['a SUCCEEDED CHART_EXPORT step without its manifest URI', 'flowRun', mutate(succeededVector, ['steps', STEP, 'outputs'], {})],
  ['a flow_run with a bad timestamp', 'flowRun', mutate(readyVector, ['createdAt'], '2025-12-15 10:25')],
  ['a manifest whose png_gcs_uri is not gs://', 'manifest', mutate(expectedManifest, ['items', 0, 'png_gcs_uri'], 'https://x/y.png')],
  ['a manifest whose runId breaks the pattern', 'manifest', mutate(expectedManifest, ['runId'], 'run-1')],
  ['a manifest with minImages -1', 'manifest', mutate(expectedManifest, ['minImages'], -1)],
  ['a manifest item with an extra field', 'manifest', mutate(expectedManifest, ['items', 0, 'url'], 'https://x/y.png')],
];

describe('upstream vectors against our contracts', () => {
  it.each(documents)('our TypeBox schema accepts %s', (_name, kind, make) => {
    const result = typebox[kind](make());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(documents)('our generated JSON Schema accepts %s (ajv 2020)', (_name, kind, make) => {
    const validate = ours[kind];
    expect(validate(make()) ? [] : validate.errors).toEqual([]);
  });

  it.each(documents.filter(([name]) => !name.includes('example')))('the upstream schema accepts %s too', (_name, kind, make) => {
    const validate = upstream[kind];
    expect(validate(make()) ? [] : validate.errors).toEqual([]);
  });

  it('the READY vector is what the domain builders make by default, so specs built from them start from it', () => {
    expect(anUpstreamReadyFlowRun()).toEqual(readyVector());
  });

  it('differs on purpose for the general example: upstream rejects its gcs:// URIs on non-CHART_EXPORT steps, we do not model those', () => {
    expect(upstream.flowRun(fixture('flow_run.example.json'))).toBe(false);
    expect(ours.flowRun(fixture('flow_run.example.json'))).toBe(true);
  });
});

describe('documents the upstream schema rejects', () => {
  it.each(broken)('%s: rejected by upstream, by our TypeBox schema and by our JSON Schema', (_name, kind, make) => {
    expect(upstream[kind](make())).toBe(false);
    expect(typebox[kind](make()).ok).toBe(false);
    expect(ours[kind](make())).toBe(false);
  });
});
