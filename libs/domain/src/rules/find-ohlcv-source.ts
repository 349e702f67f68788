import { fieldOf, type FlowRunView } from '../contracts/flow-run-view.js';
import { parseGsUri } from './gs-uri.js';

/** Where a CHART_EXPORT step's candles are, or why there are none. */
export type OhlcvSourceLookup =
  | { readonly ok: true; readonly gsUri: string; readonly from: 'inputs.ohlcv_gcs_uri' | `steps["${string}"].outputs.gcs_uri` }
  | { readonly ok: false; readonly reason: string };

const OHLCV_EXPORT = 'OHLCV_EXPORT';

// Upstream producers write `gcs://bucket/object` as well as `gs://bucket/object`: both name the same object.
function toGsUri(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const uri = value.startsWith('gcs://') ? `gs://${value.slice('gcs://'.length)}` : value;
  return parseGsUri(uri) === undefined ? undefined : uri;
}

/**
 * The OHLCV export file a CHART_EXPORT step draws from when it renders locally: `inputs.ohlcv_gcs_uri` when set,
 * else the `outputs.gcs_uri` of the `OHLCV_EXPORT` step it depends on with the same timeframe. The reason of a
 * failed lookup is one line naming the step and the field.
 */
export function findOhlcvSource(flowRun: Pick<FlowRunView, 'steps'>, stepId: string): OhlcvSourceLookup {
  const step = flowRun.steps[stepId];
  if (step === undefined) return { ok: false, reason: `step "${stepId}" is not in the flow_run` };
  const ohlcvUri = fieldOf(step.inputs, 'ohlcv_gcs_uri');
  if (ohlcvUri !== undefined) {
    const gsUri = toGsUri(ohlcvUri);
    if (gsUri === undefined) {
      return { ok: false, reason: `steps["${stepId}"].inputs.ohlcv_gcs_uri is not gs://<bucket>/<object> (got ${JSON.stringify(ohlcvUri)})` };
    }
    return { ok: true, gsUri, from: 'inputs.ohlcv_gcs_uri' };
  }
  const timeframe = step['timeframe'];
  const exports = step.dependsOn.filter((id) => {
    const dependency = flowRun.steps[id];
    const dependencyTimeframe = dependency?.['timeframe'] ?? fieldOf(dependency?.inputs, 'timeframe');
    return dependency?.stepType === OHLCV_EXPORT && dependencyTimeframe === timeframe;
  });
  const [exportId] = exports;
  if (exportId === undefined) {
    return {
      ok: false,
      reason: `steps["${stepId}"] has no inputs.ohlcv_gcs_uri and depends on no ${OHLCV_EXPORT} step with timeframe ${JSON.stringify(timeframe)}`,
    };
  }
  const exported = flowRun.steps[exportId];
  const gsUri = toGsUri(fieldOf(exported?.outputs, 'gcs_uri'));
  if (exported?.status !== 'SUCCEEDED' || gsUri === undefined) {
    return {
      ok: false,
      reason: `${OHLCV_EXPORT} step "${exportId}" has no gs:// outputs.gcs_uri (status ${exported?.status ?? 'missing'})`,
    };
  }
  return { ok: true, gsUri, from: `steps["${exportId}"].outputs.gcs_uri` };
}
