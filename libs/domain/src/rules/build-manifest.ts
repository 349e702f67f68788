import { MANIFEST_SCHEMA_VERSION, type ChartFailure, type ChartItem, type ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import { fieldOf, type FlowRunView } from '../contracts/flow-run-view.js';
import type { ChartRequest } from '../contracts/flow-run.schema.js';
import type { DomainError } from '../errors/error-codes.js';
import { checkObjectNames } from './check-object-names.js';
import { checkPathSegment } from './check-path-segment.js';
import { checkRunId } from './check-run-id.js';
import { toRfc3339Utc } from './to-rfc3339-utc.js';
import type { ChartExportStepInputs } from './validate-chart-export-step.js';

/** How one request of a step ended: a stored PNG, or a failure. */
export type RequestOutcome =
  | {
      type: 'item';
      request: ChartRequest;
      /** The template's `description`. */
      kind: string;
      generatedAt: Date;
      pngGcsUri: string;
      /** Who drew it this attempt; unknown for a PNG an earlier attempt stored. */
      renderer?: 'chart-img' | 'local';
    }
  | { type: 'failure'; request: ChartRequest; error: DomainError };

/**
 * The step's `ChartsOutputsManifest`: what was asked, what was rendered, what
 * failed. Items and failures follow the order of `inputs.requests` whatever order the outcomes arrived in;
 * `failures` is always present.
 */
export function buildManifest(p: { inputs: ChartExportStepInputs; createdAt: Date; outcomes: RequestOutcome[] }): ChartsOutputsManifest {
  const { inputs } = p;
  const ordered = inRequestOrder(p.outcomes, inputs.requests);
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: inputs.runId,
    stepId: inputs.stepId,
    createdAt: toRfc3339Utc(p.createdAt),
    symbol: inputs.symbol,
    timeframe: inputs.timeframe,
    minImages: inputs.minImages,
    requested: inputs.requests.map(copyRequest),
    items: ordered.flatMap((o) => (o.type === 'item' ? [toItem(o)] : [])),
    failures: ordered.flatMap((o) => (o.type === 'failure' ? [toFailure(o.request, o.error)] : [])),
  };
}

/**
 * The manifest written after a whole-step validation failure, listing every readable request as failed with
 * the step's error. Undefined when no schema-valid manifest can be written truthfully: runId or stepId unusable in
 * the object path, an object name of the step over Cloud Storage's limit (nothing of such a step is written),
 * or symbol, timeframe, minImages or the requests themselves missing or malformed.
 */
export function buildValidationFailureManifest(p: {
  flowRun: FlowRunView;
  stepId: string;
  requests: ChartRequest[];
  error: DomainError;
  createdAt: Date;
}): ChartsOutputsManifest | undefined {
  const { runId, scope, steps } = p.flowRun;
  const step = Object.hasOwn(steps, p.stepId) ? steps[p.stepId] : undefined;
  const symbol = scope['symbol'];
  const timeframe = step?.['timeframe'];
  const minImages = fieldOf(step?.inputs, 'minImages');
  if (
    typeof runId !== 'string' ||
    checkRunId('runId', runId) !== undefined ||
    checkPathSegment('stepId', p.stepId) !== undefined ||
    !isNonEmptyString(symbol) ||
    !isNonEmptyString(timeframe) ||
    typeof minImages !== 'number' ||
    !Number.isInteger(minImages) ||
    minImages < 0 ||
    p.requests.length === 0 ||
    checkObjectNames({ runId, stepId: p.stepId, symbol, timeframe, chartTemplateIds: p.requests.map((r) => r.chartTemplateId) }, String) !== undefined
  ) {
    return undefined;
  }
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId,
    stepId: p.stepId,
    createdAt: toRfc3339Utc(p.createdAt),
    symbol,
    timeframe,
    minImages,
    requested: p.requests.map(copyRequest),
    items: [],
    failures: p.requests.map((request) => toFailure(request, p.error)),
  };
}

function inRequestOrder(outcomes: readonly RequestOutcome[], requests: readonly ChartRequest[]): RequestOutcome[] {
  const rank = new Map(requests.map((r, index) => [r.chartTemplateId, index] as const));
  const rankOf = (o: RequestOutcome): number => rank.get(o.request.chartTemplateId) ?? requests.length;
  // Array.prototype.sort is stable, so outcomes for unknown requests keep their arrival order at the end.
  return [...outcomes].sort((a, b) => rankOf(a) - rankOf(b));
}

function toItem(o: Extract<RequestOutcome, { type: 'item' }>): ChartItem {
  return {
    chartTemplateId: o.request.chartTemplateId,
    kind: o.kind,
    generatedAt: toRfc3339Utc(o.generatedAt),
    png_gcs_uri: o.pngGcsUri,
    // Only local drawings are marked: a manifest of Chart-IMG images stays exactly the upstream shape.
    ...(o.renderer === 'local' ? { meta: { renderer: 'local' } } : {}),
  };
}

function toFailure(request: ChartRequest, error: DomainError): ChartFailure {
  const copied = { code: error.code, message: error.message };
  return { request: copyRequest(request), error: error.details === undefined ? copied : { ...copied, details: error.details } };
}

function copyRequest(request: ChartRequest): ChartRequest {
  return { chartTemplateId: request.chartTemplateId };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
