import { buildChartCall, renderDemandOf, validateChartTemplate } from '../chart-img/index.js';
import type { ChartRequest } from '../contracts/flow-run.schema.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import type { EventLog } from '../ports/event-log.js';
import { findOhlcvSource, gsUri, type ChartExportStepInputs, type RequestOutcome } from '../rules/index.js';
import type { ClaimedStep } from './claimed-step.js';
import { deferSuccessRecords } from './deferred-success-accounts.js';
import type { FoundPng } from './find-stored-pngs.js';
import { errorMessageOf } from './error-message-of.js';
import { LOG_EVENTS } from './log-events.js';
import { renderRequest, type RenderContext } from './render-request.js';
import { storePng } from './store-png.js';

/** What rendering a request needs besides the request itself (the account pool is wrapped per request). */
export type RequestContext = Omit<RenderContext, 'log' | 'accounts'>;

/**
 * One request of the step: reuse the PNG an earlier attempt stored, or render it (template, call, Chart-IMG)
 * and store it. Never rejects: an unexpected error becomes the request's failure.
 */
export async function processRequest(
  step: ClaimedStep,
  p: { inputs: ChartExportStepInputs; request: ChartRequest; found: FoundPng | undefined; ctx: RequestContext; log: EventLog },
): Promise<RequestOutcome> {
  const { request, log } = p;
  try {
    if (p.found !== undefined) {
      const kind = p.found.kind ?? (await templateOf(step, request.chartTemplateId)).kind;
      if (kind !== undefined) {
        const pngGcsUri = gsUri(step.settings.bucket, p.found.objectPath);
        log.log('INFO', LOG_EVENTS.pngReused, `reusing ${pngGcsUri} stored by an earlier attempt`, { gcs_uri: pngGcsUri });
        return { type: 'item', request, kind, generatedAt: new Date(p.found.generatedAt), pngGcsUri };
      }
    }
    if (step.keeper.lost) return failure(request, domainError('CHART_API_FAILED', `${request.chartTemplateId}: not rendered, the step's lease was lost`));
    const outcome = await render(step, p);
    if (outcome.type === 'failure') {
      log.log('WARNING', LOG_EVENTS.requestFailed, `request ${request.chartTemplateId} failed: ${outcome.error.message}`, { error: outcome.error });
    }
    return outcome;
  } catch (cause) {
    const error = domainError('CHART_API_FAILED', `${request.chartTemplateId}: unexpected error: ${errorMessageOf(cause)}`);
    log.log('ERROR', LOG_EVENTS.requestFailed, `request ${request.chartTemplateId} failed: ${error.message}`, { error });
    return failure(request, error);
  }
}

async function render(
  step: ClaimedStep,
  p: { inputs: ChartExportStepInputs; request: ChartRequest; ctx: RequestContext; log: EventLog },
): Promise<RequestOutcome> {
  const { request, inputs } = p;
  const template = await templateOf(step, request.chartTemplateId);
  if (template.error !== undefined) return failure(request, template.error);
  const ohlcv = findOhlcvSource(step.view, step.stepId);
  const call = buildChartCall({
    template: template.checked,
    symbol: inputs.symbol,
    timeframe: inputs.timeframe,
    interval: inputs.interval,
    defaultTimezone: step.settings.defaultTimezone,
    ...(ohlcv.ok ? { ohlcvGcsUri: ohlcv.gsUri } : {}),
  });
  const width = typeof call.body['width'] === 'number' ? call.body['width'] : undefined;
  const height = typeof call.body['height'] === 'number' ? call.body['height'] : undefined;
  const accounts = deferSuccessRecords(step.deps.accounts);
  const rendered = await renderRequest(
    call,
    { demand: renderDemandOf(call.body), ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) },
    {
      ...p.ctx,
      accounts: accounts.pool,
      log: p.log,
      ...(step.deps.localRenderer === undefined ? {} : { localRenderer: step.deps.localRenderer }),
      ...(ohlcv.ok ? {} : { ohlcvMissing: ohlcv.reason }),
    },
  );
  if (rendered.type === 'failure') return failure(request, rendered.error);
  const stored = await storePng(step, { inputs, request, kind: template.kind, bytes: rendered.bytes, accounts, log: p.log });
  return stored.type === 'item' && rendered.renderer !== undefined ? { ...stored, renderer: rendered.renderer } : stored;
}

type TemplateLookup =
  | { readonly error: DomainError; readonly kind?: undefined }
  | { readonly error?: undefined; readonly kind: string; readonly checked: Extract<ReturnType<typeof validateChartTemplate>, { ok: true }>['template'] };

async function templateOf(step: ClaimedStep, id: string): Promise<TemplateLookup> {
  let record;
  try {
    record = await step.deps.templates.get(id);
  } catch (cause) {
    return { error: domainError('VALIDATION_FAILED', `template "${id}" could not be read: ${errorMessageOf(cause)}`, { chartTemplateId: id }) };
  }
  if (record === undefined) return { error: domainError('VALIDATION_FAILED', `template "${id}" not found`, { chartTemplateId: id }) };
  const checked = validateChartTemplate(record, id);
  if (!checked.ok) return { error: checked.error };
  return { kind: checked.template.description, checked: checked.template };
}

function failure(request: ChartRequest, error: DomainError): RequestOutcome {
  return { type: 'failure', request, error };
}
