import { fieldOf, type FlowRunView } from '../contracts/flow-run-view.js';
import type { ChartRequest } from '../contracts/flow-run.schema.js';
import { formatIssues, validateFlowRun } from '../contracts/validators.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import type { EventLog } from '../ports/event-log.js';
import { describeValue, validateChartExportStep, type ChartExportStepInputs } from '../rules/index.js';
import { stepScopedView } from './flow-run-views.js';
import { LOG_EVENTS } from './log-events.js';

const MAX_NAMED_REQUESTS = 100;

export type ClaimedStepValidation =
  | { readonly ok: true; readonly inputs: ChartExportStepInputs }
  /** `requests`: the well-formed requests, listed as failures in the manifest. */
  | { readonly ok: false; readonly error: DomainError; readonly requests: ChartRequest[] };

/**
 * The claimed step's inputs, checked before any Chart-IMG call: the document's shape (only this step's part),
 * its `runId` equal to the document id it was claimed under, then the step's own rules. A step that fails as a
 * whole is logged once, and each of its requests once more by name, so an operator searching for a template
 * finds why it was not rendered.
 */
export function validateClaimedStep(runId: string, raw: unknown, view: FlowRunView, stepId: string, log: EventLog): ClaimedStepValidation {
  const shape = validateFlowRun(stepScopedView(raw, stepId));
  const validated: ClaimedStepValidation = !shape.ok
    ? { ok: false, error: domainError('VALIDATION_FAILED', `flow_run is invalid: ${formatIssues(shape.issues)}`), requests: [] }
    : view.runId !== runId
      ? {
          ok: false,
          error: domainError('VALIDATION_FAILED', `flow_run field runId ${describeValue(view.runId)} does not match its document id ${describeValue(runId)}`, {
            field: 'runId',
            value: view.runId,
            documentId: runId,
          }),
          requests: [],
        }
      : validateChartExportStep(view, stepId);
  if (validated.ok) return validated;

  log.log('WARNING', LOG_EVENTS.stepInvalid, `step ${stepId} cannot run: ${validated.error.message}`, { error: validated.error });
  const named = validated.requests.length > 0 ? validated.requests.map((r) => r.chartTemplateId) : requestIdsOf(view, stepId);
  // Bounded: a hostile document may carry thousands of requests.
  for (const chartTemplateId of named.slice(0, MAX_NAMED_REQUESTS)) {
    log.log('WARNING', LOG_EVENTS.requestInvalid, `request ${describeValue(chartTemplateId)} of step ${stepId} not rendered: the step failed validation`, {
      chartTemplateId: chartTemplateId.slice(0, 200),
      error: { code: validated.error.code },
    });
  }
  return validated;
}

/** The `chartTemplateId` strings of the step's requests, read leniently from a document that failed its schema. */
function requestIdsOf(view: FlowRunView, stepId: string): string[] {
  const requests = fieldOf(view.steps[stepId]?.inputs, 'requests');
  if (!Array.isArray(requests)) return [];
  return requests.flatMap((request: unknown) => {
    const id = typeof request === 'object' && request !== null ? (request as Record<string, unknown>)['chartTemplateId'] : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
