import type { FlowRunView, FlowStepView } from '../contracts/flow-run-view.js';

export const CHART_EXPORT_STEP_TYPE = 'CHART_EXPORT';

export type StepSelection =
  | {
      type: 'selected';
      stepId: string;
      step: FlowStepView;
      /** `dependsOn` ids that are not steps of this flow run: they do not gate, but deserve a WARNING. */
      unknownDependencies: string[];
    }
  | {
      type: 'none';
      reason: 'no-ready-step' | 'step-not-found' | 'not-chart-export' | 'step-not-ready' | 'dependencies-unmet';
      message: string;
      stepId?: string;
      status?: string;
      unmetDependencies?: string[];
    };

/**
 * Which CHART_EXPORT step to run (docs/design.md#claim-and-finalize). Without `requestedStepId`: the first READY CHART_EXPORT step, in plain
 * string order of stepId, whose `dependsOn` are all SUCCEEDED. With it: that step, if it is a READY CHART_EXPORT
 * step whose dependencies are met. A dependency that is not a step of this flow run does not gate (the
 * orchestrator already promoted the step to READY; the upstream READY vector depends on such an id); it is
 * reported in `unknownDependencies`.
 */
export function selectChartExportStep(flowRun: FlowRunView, requestedStepId?: string): StepSelection {
  return requestedStepId === undefined ? selectFirstReady(flowRun) : selectRequested(flowRun, requestedStepId);
}

function selectFirstReady(flowRun: FlowRunView): StepSelection {
  const ready = Object.keys(flowRun.steps)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .filter((id) => {
      const step = flowRun.steps[id];
      return step?.stepType === CHART_EXPORT_STEP_TYPE && step.status === 'READY';
    });
  let firstGated: Extract<StepSelection, { type: 'none' }> | undefined;
  for (const id of ready) {
    const selection = selectIfMet(flowRun, id);
    if (selection.type === 'selected') return selection;
    firstGated ??= selection;
  }
  if (firstGated === undefined) {
    return {
      type: 'none',
      reason: 'no-ready-step',
      message: `flow run ${flowRun.runId} has no READY ${CHART_EXPORT_STEP_TYPE} step`,
    };
  }
  return ready.length === 1
    ? firstGated
    : { ...firstGated, message: `all ${ready.length} READY ${CHART_EXPORT_STEP_TYPE} steps wait for dependencies; the first: ${firstGated.message}` };
}

function selectRequested(flowRun: FlowRunView, stepId: string): StepSelection {
  const step = Object.hasOwn(flowRun.steps, stepId) ? flowRun.steps[stepId] : undefined;
  if (step === undefined) {
    return {
      type: 'none',
      reason: 'step-not-found',
      stepId,
      message: `step ${JSON.stringify(stepId)} does not exist in flow run ${flowRun.runId}`,
    };
  }
  if (step.stepType !== CHART_EXPORT_STEP_TYPE) {
    return {
      type: 'none',
      reason: 'not-chart-export',
      stepId,
      status: step.status,
      message: `step ${JSON.stringify(stepId)} is a ${JSON.stringify(step.stepType)} step, not ${CHART_EXPORT_STEP_TYPE}`,
    };
  }
  if (step.status !== 'READY') {
    return {
      type: 'none',
      reason: 'step-not-ready',
      stepId,
      status: step.status,
      message: `step ${JSON.stringify(stepId)} is ${step.status}, not READY`,
    };
  }
  return selectIfMet(flowRun, stepId);
}

/** The READY CHART_EXPORT step `stepId`, if its known dependencies are all SUCCEEDED. */
function selectIfMet(flowRun: FlowRunView, stepId: string): StepSelection {
  const step = flowRun.steps[stepId] as FlowStepView;
  const unknownDependencies: string[] = [];
  const unmet: string[] = [];
  for (const dependency of step.dependsOn) {
    const other = Object.hasOwn(flowRun.steps, dependency) ? flowRun.steps[dependency] : undefined;
    if (other === undefined) unknownDependencies.push(dependency);
    else if (other.status !== 'SUCCEEDED') unmet.push(dependency);
  }
  if (unmet.length === 0) return { type: 'selected', stepId, step, unknownDependencies };
  const waits = unmet.map((id) => `${JSON.stringify(id)} (${flowRun.steps[id]?.status})`).join(', ');
  return {
    type: 'none',
    reason: 'dependencies-unmet',
    stepId,
    status: step.status,
    unmetDependencies: unmet,
    message: `step ${JSON.stringify(stepId)} waits for ${waits}: dependencies must be SUCCEEDED`,
  };
}
