import type { FlowRunView, FlowStepView } from '../contracts/flow-run-view.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A view of any document, so step selection never trips on a malformed field: non-object steps become inert,
 * non-array `dependsOn` becomes empty. Validation of the step that is actually run happens after the claim,
 * so it still ends FAILED.
 */
export function lenientFlowRunView(raw: unknown): FlowRunView {
  const doc = isObject(raw) ? raw : {};
  const steps = isObject(doc['steps']) ? doc['steps'] : {};
  const safeSteps = Object.fromEntries(
    Object.entries(steps).map(([id, step]): [string, FlowStepView] => {
      const s = isObject(step) ? step : {};
      return [
        id,
        {
          ...s,
          stepType: typeof s['stepType'] === 'string' ? s['stepType'] : '',
          status: typeof s['status'] === 'string' ? s['status'] : '',
          dependsOn: Array.isArray(s['dependsOn']) ? s['dependsOn'].filter((d): d is string => typeof d === 'string') : [],
          inputs: isObject(s['inputs']) ? s['inputs'] : {},
          outputs: isObject(s['outputs']) ? s['outputs'] : {},
        },
      ];
    }),
  );
  return {
    ...doc,
    runId: typeof doc['runId'] === 'string' ? doc['runId'] : '',
    flowKey: typeof doc['flowKey'] === 'string' ? doc['flowKey'] : '',
    scope: isObject(doc['scope']) ? doc['scope'] : {},
    steps: safeSteps,
  };
}

/** The document with only `stepId` among its steps: what must be valid for that step to run. */
export function stepScopedView(raw: unknown, stepId: string): unknown {
  if (!isObject(raw) || !isObject(raw['steps'])) return raw;
  return { ...raw, steps: { [stepId]: raw['steps'][stepId] } };
}
