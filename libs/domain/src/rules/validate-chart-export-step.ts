import { MAX_CHART_REQUESTS } from '../contracts/common.schema.js';
import type { FlowRunView } from '../contracts/flow-run-view.js';
import type { ChartRequest } from '../contracts/flow-run.schema.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import { mapTimeframe } from './chart-img-interval.js';
import { checkObjectNames } from './check-object-names.js';
import { checkPathSegment } from './check-path-segment.js';
import { checkRunId } from './check-run-id.js';
import { describeValue } from './describe-value.js';
import { validateScopeSymbol } from './validate-scope-symbol.js';

/** The checked inputs of a CHART_EXPORT step: everything the per-request phase needs. */
export interface ChartExportStepInputs {
  runId: string;
  flowKey: string;
  stepId: string;
  /** `scope.symbol`, e.g. `BTCUSDT`. */
  symbol: string;
  /** The flow's own timeframe (`1M`), used in file names and the manifest. */
  timeframe: string;
  /** The Chart-IMG interval the timeframe maps to (`1M`, `1W`, `4h`). */
  interval: string;
  minImages: number;
  /** `inputs.requests`, each reduced to `{chartTemplateId}`, in the flow's order. */
  requests: ChartRequest[];
}

export type StepInputsValidation =
  | { ok: true; inputs: ChartExportStepInputs }
  | {
      ok: false;
      error: DomainError;
      /** The requests that could be read (best effort), so a manifest can list each of them as failed. */
      requests: ChartRequest[];
    };

interface Problem {
  readonly field: string;
  readonly message: string;
  readonly value: string;
}

const MAX_PROBLEMS_IN_MESSAGE = 5;
const MAX_PROBLEMS_IN_DETAILS = 20;

/**
 * Checks a CHART_EXPORT step's inputs before any call or write: ids usable in object names (each at most 200
 * characters, every object name a step can write within Cloud Storage's 1024 bytes), the symbol, a mappable
 * timeframe, 1 to 50 distinct requests, `minImages` between 0 and the number of requests. Every problem found is
 * reported in one VALIDATION_FAILED error whose message names each field path (`steps["x"].inputs.minImages`)
 * and value. The flow run is treated as untrusted: fields are read as unknown values.
 */
export function validateChartExportStep(flowRun: FlowRunView, stepId: string): StepInputsValidation {
  const doc: Readonly<Record<string, unknown>> = flowRun;
  const problems: Problem[] = [];
  const stepPath = `steps[${describeValue(stepId)}]`;
  const add = (field: string, message: string, value: unknown): void => {
    problems.push({ field, message, value: describeValue(value) });
  };
  const addError = (error: DomainError | undefined, field: string, value: unknown): void => {
    if (error !== undefined) problems.push({ field, message: error.message, value: describeValue(value) });
  };

  const runId = doc['runId'];
  const runIdError = checkRunId('runId', runId);
  addError(runIdError, 'runId', runId);
  const flowKey = doc['flowKey'];
  if (typeof flowKey !== 'string' || flowKey.length === 0) {
    add('flowKey', `flowKey must be a non-empty string, got ${describeValue(flowKey)}`, flowKey);
  }
  const stepIdError = checkPathSegment('stepId', stepId);
  addError(stepIdError, 'stepId', stepId);
  const symbol = asRecord(doc['scope'])?.['symbol'];
  const symbolError = validateScopeSymbol(symbol);
  addError(symbolError, 'scope.symbol', symbol);

  const step = stepOf(doc, stepId);
  if (step === undefined) {
    add(stepPath, `${stepPath} must be a step object, got ${describeValue(step)}`, step);
    return failure(problems, []);
  }

  const timeframe = step['timeframe'];
  let interval: string | undefined;
  if (typeof timeframe !== 'string') {
    add(`${stepPath}.timeframe`, `${stepPath}.timeframe is required (e.g. 1M, 1w, 1d, 4h), got ${describeValue(timeframe)}`, timeframe);
  } else {
    const mapped = mapTimeframe(timeframe);
    if (mapped.ok) interval = mapped.interval;
    else add(`${stepPath}.timeframe`, `${stepPath}.timeframe ${describeValue(timeframe)} ${mapped.reason}`, timeframe);
  }

  const inputs = asRecord(step['inputs']);
  const requestsPath = `${stepPath}.inputs.requests`;
  const rawRequests = inputs?.['requests'];
  const requests: ChartRequest[] = [];
  // The path-safe ids and their indexes in requests: what the object names are built from.
  const namedRequests: Array<{ id: string; index: number }> = [];
  if (!Array.isArray(rawRequests) || rawRequests.length === 0) {
    add(requestsPath, `${requestsPath} must be a non-empty array of {chartTemplateId}, got ${describeValue(rawRequests)}`, rawRequests);
  } else {
    if (rawRequests.length > MAX_CHART_REQUESTS) {
      add(requestsPath, `${requestsPath} must hold at most ${MAX_CHART_REQUESTS} requests, got ${rawRequests.length}`, rawRequests.length);
    }
    const firstIndexById = new Map<string, number>();
    rawRequests.forEach((raw: unknown, index) => {
      const itemPath = `${requestsPath}[${index}]`;
      const request = asRecord(raw);
      if (request === undefined) {
        add(itemPath, `${itemPath} must be an object with a chartTemplateId, got ${describeValue(raw)}`, raw);
        return;
      }
      const idPath = `${itemPath}.chartTemplateId`;
      const id = request['chartTemplateId'];
      if (typeof id === 'string' && id.length > 0) requests.push({ chartTemplateId: id });
      const unsafe = checkPathSegment(idPath, id);
      if (typeof id !== 'string' || unsafe !== undefined) {
        addError(unsafe, idPath, id);
        return;
      }
      namedRequests.push({ id, index });
      const first = firstIndexById.get(id);
      if (first === undefined) firstIndexById.set(id, index);
      else add(idPath, `${idPath} duplicates ${requestsPath}[${first}].chartTemplateId, got ${describeValue(id)}`, id);
    });
  }

  const minImagesPath = `${stepPath}.inputs.minImages`;
  const minImages = inputs?.['minImages'];
  if (typeof minImages !== 'number' || !Number.isInteger(minImages) || minImages < 0) {
    add(minImagesPath, `${minImagesPath} must be an integer >= 0, got ${describeValue(minImages)}`, minImages);
  } else if (Array.isArray(rawRequests) && rawRequests.length > 0 && minImages > rawRequests.length) {
    add(minImagesPath, `${minImagesPath} must not exceed the number of requests (${rawRequests.length}), got ${describeValue(minImages)}`, minImages);
  }

  if (runIdError === undefined && stepIdError === undefined && symbolError === undefined && typeof timeframe === 'string') {
    const tooLong = checkObjectNames(
      { runId: runId as string, stepId, symbol: symbol as string, timeframe, chartTemplateIds: namedRequests.map((r) => r.id) },
      (i) => `${requestsPath}[${namedRequests[i]?.index ?? i}]`,
    );
    if (tooLong !== undefined)
      problems.push({ field: String(tooLong.details?.['field']), message: tooLong.message, value: String(tooLong.details?.['value']) });
  }

  if (problems.length > 0 || interval === undefined) return failure(problems, requests);
  return {
    ok: true,
    inputs: {
      runId: runId as string,
      flowKey: flowKey as string,
      stepId,
      symbol: symbol as string,
      timeframe: timeframe as string,
      interval,
      minImages: minImages as number,
      requests,
    },
  };
}

function failure(problems: readonly Problem[], requests: ChartRequest[]): StepInputsValidation {
  const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).map((p) => p.message);
  const hidden = problems.length - shown.length;
  const message = hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
  const details = {
    problems: problems.slice(0, MAX_PROBLEMS_IN_DETAILS).map(({ field, value }) => ({ field, value })),
    problemsCount: problems.length,
  };
  return { ok: false, error: domainError('VALIDATION_FAILED', message, details), requests };
}

function stepOf(doc: Readonly<Record<string, unknown>>, stepId: string): Record<string, unknown> | undefined {
  const steps = asRecord(doc['steps']);
  return steps !== undefined && Object.hasOwn(steps, stepId) ? asRecord(steps[stepId]) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
