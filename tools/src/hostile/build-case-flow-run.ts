import { aChartExportStep, aFlowRun, STEP_ID } from '@worker-chart-export/domain/testing';
import type { FlowRunInput } from './hostile-case.js';

/** The document a flow_run case describes, and the step key it runs. */
export interface CaseFlowRun {
  readonly document: unknown;
  readonly stepKey: string;
}

/** The base flow_run (one READY CHART_EXPORT step requesting one template) with the case's changes applied. */
export function buildCaseFlowRun(input: FlowRunInput): CaseFlowRun {
  const stepKey = input.stepKey ?? STEP_ID;
  if (Object.hasOwn(input, 'document')) return { document: structuredClone(input.document), stepKey };
  const base = aChartExportStep();
  const step: Record<string, unknown> = { ...base, ...input.step };
  if (input.inputs !== undefined) step['inputs'] = { ...(base['inputs'] as Record<string, unknown>), ...input.inputs };
  for (const field of input.removeStep ?? []) delete step[field];
  // defineProperty, so keys such as "constructor" or "__proto__" become own properties like JSON.parse makes them.
  const steps: Record<string, unknown> = {};
  Object.defineProperty(steps, stepKey, { value: step, enumerable: true, writable: true, configurable: true });
  const document: Record<string, unknown> = { ...aFlowRun(steps), ...input.run };
  for (const field of input.removeRun ?? []) delete document[field];
  return { document: structuredClone(document), stepKey };
}

/** The `inputs.requests` array of the case's step, when it is one. */
export function rawRequestsOf(flowRun: CaseFlowRun): readonly unknown[] | undefined {
  const doc = flowRun.document as { steps?: Record<string, { inputs?: { requests?: unknown } } | undefined> } | null;
  const steps = doc?.steps;
  if (typeof steps !== 'object' || steps === null || !Object.hasOwn(steps, flowRun.stepKey)) return undefined;
  const requests = steps[flowRun.stepKey]?.inputs?.requests;
  return Array.isArray(requests) ? requests : undefined;
}
