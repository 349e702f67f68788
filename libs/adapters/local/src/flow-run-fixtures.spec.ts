import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { selectChartExportStep, validateFlowRun, type FlowRun } from '@worker-chart-export/domain';
import { SEED_TEMPLATE_IDS } from '@worker-chart-export/domain/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JsonFileFlowRunStore } from './json-file-flow-run-store.js';

// The example flow_runs of fixtures/flow-runs/ are data this library's store reads first; they are checked here.
const FLOW_RUNS_DIR = fileURLToPath(new URL('../../../../fixtures/flow-runs/', import.meta.url));
const UPSTREAM_SCHEMA = fileURLToPath(new URL('../../../../fixtures/upstream/flow_run.schema.json', import.meta.url));

const files = (await readdir(FLOW_RUNS_DIR)).filter((name) => name.endsWith('.json')).sort();
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const upstreamValid = ajv.compile(JSON.parse(await readFile(UPSTREAM_SCHEMA, 'utf8')) as object);

async function flowRun(name: string): Promise<FlowRun> {
  const store = await JsonFileFlowRunStore.open(join(FLOW_RUNS_DIR, name), { writeBack: false });
  const result = validateFlowRun(store.current());
  if (!result.ok) throw new Error(`${name} is not a valid flow_run`);
  return result.value;
}

describe('fixtures/flow-runs', () => {
  it('holds the documented examples, each listed in the README', async () => {
    const readme = await readFile(join(FLOW_RUNS_DIR, 'README.md'), 'utf8');

    expect(files).toEqual([
      'dependencies-unmet.json',
      'error-fixtures.json',
      'example-ready.json',
      'min-images-unreachable.json',
      'mock-missing.json',
      'no-ready-step.json',
    ]);
    for (const name of files) expect(readme).toContain(`\`${name}\``);
  });

  it.each(files)('%s is valid against our flow_run schema and upstream’s', async (name) => {
    const document: unknown = JSON.parse(await readFile(join(FLOW_RUNS_DIR, name), 'utf8'));

    expect(validateFlowRun(document)).toMatchObject({ ok: true });
    expect(upstreamValid(document) ? [] : upstreamValid.errors).toEqual([]);
  });

  it('example-ready.json has a READY step over the five seed templates whose dependency SUCCEEDED', async () => {
    const run = await flowRun('example-ready.json');
    const selection = selectChartExportStep(run);

    expect(run.runId).toBe('20251215-102530_BTCUSDT_k3f7a');
    expect(run.flowKey).toBe('scheduled_month_week_report_v1');
    expect(selection).toMatchObject({ type: 'selected', stepId: 'charts:1h:all_templates', unknownDependencies: [] });
    const step = run.steps['charts:1h:all_templates'];
    expect(step).toMatchObject({ timeframe: '1h', dependsOn: ['ohlcv_export:1h'], inputs: { minImages: 3 } });
    const requests = (step?.inputs as { requests?: { chartTemplateId: string }[] } | undefined)?.requests ?? [];
    expect(requests.map((r) => r.chartTemplateId)).toEqual(SEED_TEMPLATE_IDS);
    expect(run.steps['ohlcv_export:1h']?.status).toBe('SUCCEEDED');
  });

  it.each([
    ['no-ready-step.json', 'no-ready-step'],
    ['dependencies-unmet.json', 'dependencies-unmet'],
  ])('%s gives no step to run (%s)', async (name, reason) => {
    expect(selectChartExportStep(await flowRun(name))).toMatchObject({ type: 'none', reason });
  });

  it.each([
    ['min-images-unreachable.json', 'charts:1h:with_missing_template', '1h', 5],
    ['error-fixtures.json', 'charts:4h:error_fixtures', '4h', 0],
    ['mock-missing.json', 'charts:1d:no_fixtures', '1d', 1],
  ])('%s selects %s at %s with minImages %i', async (name, stepId, timeframe, minImages) => {
    const run = await flowRun(name);

    expect(selectChartExportStep(run)).toMatchObject({ type: 'selected', stepId });
    expect(run.steps[stepId]).toMatchObject({ timeframe, inputs: { minImages } });
  });
});
