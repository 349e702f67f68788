import type { FlowRun, FlowStep } from '../../contracts/flow-run.schema.js';
import { aChartExportStep, aFlowRun as aFlowRunDocument } from '../../testing/builders.js';

/** Typed views of the shared builders in `testing/` for specs that take a FlowRun. */

/** A CHART_EXPORT step, READY, without dependencies, asking for one template. */
export function aChartStep(overrides: Partial<FlowStep> = {}): FlowStep {
  return aChartExportStep(overrides) as unknown as FlowStep;
}

/** A step of another type (the OHLCV export a chart step usually depends on). */
export function anOhlcvStep(status: FlowStep['status']): FlowStep {
  return aChartStep({ stepType: 'OHLCV_EXPORT', status, inputs: {} });
}

/** A flow run with the given steps, shaped like the upstream READY vector. */
export function aFlowRun(steps: Record<string, FlowStep>, overrides: Partial<FlowRun> = {}): FlowRun {
  return aFlowRunDocument(steps, overrides) as unknown as FlowRun;
}
