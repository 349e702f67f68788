import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** The example flow_run of the quick start: one READY CHART_EXPORT step over the five seed templates. */
const EXAMPLE_FLOW_RUN = join(REPO_ROOT, 'fixtures/flow-runs/example-ready.json');

/** Makes copies of the example flow_run, each with its own runId (so PNG paths never collide across steps). */
export async function exampleFlowRunFactory(): Promise<(index: number) => Record<string, unknown>> {
  const example = JSON.parse(await readFile(EXAMPLE_FLOW_RUN, 'utf8')) as Record<string, unknown>;
  const prefix = String(example['runId']).replace(/_[a-z0-9]+$/, '');
  return (index) => ({ ...structuredClone(example), runId: `${prefix}_b${index.toString(36).padStart(5, '0')}` });
}
