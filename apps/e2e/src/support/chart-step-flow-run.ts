import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** The example flow_run the quick start uses: one READY CHART_EXPORT step over the five seed templates. */
export const EXAMPLE_FLOW_RUN = 'fixtures/flow-runs/example-ready.json';
const EXAMPLE_STEP_ID = 'charts:1h:all_templates';

/** A flow_run file written for a test, and the ids of its READY CHART_EXPORT step. */
export interface ChartStepFlowRun {
  readonly path: string;
  readonly runId: string;
  readonly stepId: string;
}

/**
 * Writes `<dir>/flow-run.json`: the example flow_run whose CHART_EXPORT step is renamed
 * `charts:<timeframe>:all_templates` and asks for `timeframe`, everything else unchanged.
 */
export async function writeChartStepFlowRun(dir: string, timeframe: string): Promise<ChartStepFlowRun> {
  const flowRun = JSON.parse(await readFile(join(REPO_ROOT, EXAMPLE_FLOW_RUN), 'utf8')) as {
    runId: string;
    steps: Record<string, Record<string, unknown>>;
  };
  const step = flowRun.steps[EXAMPLE_STEP_ID];
  if (step === undefined) throw new Error(`${EXAMPLE_FLOW_RUN} has no step ${EXAMPLE_STEP_ID}`);
  const stepId = `charts:${timeframe}:all_templates`;
  const { [EXAMPLE_STEP_ID]: _example, ...otherSteps } = flowRun.steps;
  flowRun.steps = { ...otherSteps, [stepId]: { ...step, timeframe } };
  const path = join(dir, 'flow-run.json');
  await writeFile(path, JSON.stringify(flowRun, null, 2));
  return { path, runId: flowRun.runId, stepId };
}
