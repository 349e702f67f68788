import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';
import { EXAMPLE_FLOW_RUN } from './chart-step-flow-run.js';

/** The fields of the example flow_run (`EXAMPLE_FLOW_RUN`) the end-to-end suites read. */
export type ExampleFlowRun = {
  readonly runId: string;
  readonly steps: Record<
    string,
    { stepType: string; inputs: { requests: Array<{ chartTemplateId: string }>; ohlcv_gcs_uri?: string } & Record<string, unknown> }
  >;
};

/** The example READY flow_run, the id of its CHART_EXPORT step and how many charts that step requests. */
export function readExampleFlowRun(): { flowRun: ExampleFlowRun; stepId: string; requestCount: number } {
  const flowRun = JSON.parse(readFileSync(join(REPO_ROOT, EXAMPLE_FLOW_RUN), 'utf8')) as ExampleFlowRun;
  const stepId = Object.keys(flowRun.steps).find((id) => flowRun.steps[id]?.stepType === 'CHART_EXPORT');
  if (stepId === undefined) throw new Error(`${EXAMPLE_FLOW_RUN} has no CHART_EXPORT step`);
  return { flowRun, stepId, requestCount: flowRun.steps[stepId]?.inputs.requests.length ?? 0 };
}
