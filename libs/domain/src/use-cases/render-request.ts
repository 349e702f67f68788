import { classifyChartResponse, type ChartVerdict } from '../chart-img/index.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import type { AccountPool, PlanRefusal, RenderDemand, ReserveResult } from '../ports/account-pool.js';
import type { ChartApi, ChartApiResponse, ChartCall } from '../ports/chart-api.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { LocalRenderer } from '../ports/local-renderer.js';
import { backoffDelayMs } from './backoff.js';
import { LOG_EVENTS } from './log-events.js';
import { isFallbackError, renderLocally, type LocalRenderReason } from './render-locally.js';
import type { ChartExportSettings } from './run-chart-export-step.types.js';
import type { UsageTally } from './usage-tally.js';

export type RenderOutcome =
  /** `renderer`: who drew it, Chart-IMG (a call or its fixture) or the local renderer. */
  { readonly type: 'image'; readonly bytes: Uint8Array; readonly renderer?: 'chart-img' | 'local' } | { readonly type: 'failure'; readonly error: DomainError };

export interface RenderContext {
  readonly chartApi: ChartApi;
  readonly accounts: AccountPool;
  readonly clock: Clock;
  /** Already carries runId, stepId and chartTemplateId. */
  readonly log: EventLog;
  readonly random: () => number;
  readonly settings: ChartExportSettings;
  readonly deadlineAt: number;
  readonly tally: UsageTally;
  /** Called when no account has quota left (the step logs one ERROR event). */
  readonly onAllExhausted: (exhaustedAccountIds: readonly string[]) => void;
  /** Draws in `local` mode, and after a provider failure when `settings.renderFallback` is `local`. */
  readonly localRenderer?: LocalRenderer;
  /** Why the call carries no `ohlcvGcsUri`, for the message of a request that needed it. */
  readonly ohlcvMissing?: string;
}

interface Expectation {
  readonly demand: RenderDemand;
  readonly width?: number;
  readonly height?: number;
}

/**
 * One logical request: a fixture replay when the mode has one, otherwise up to
 * `maxAttemptsPerRequest` HTTP attempts across accounts, each on a freshly reserved unit. In `local` mode the
 * local renderer draws it instead; with `renderFallback: 'local'` it draws what Chart-IMG could not serve.
 */
export async function renderRequest(call: ChartCall, expected: Expectation, ctx: RenderContext): Promise<RenderOutcome> {
  if (ctx.chartApi.mode === 'local') return renderLocally(call, localOptions(ctx, 'mode'));
  const replayed = await ctx.chartApi.replay(call);
  const outcome = replayed !== undefined ? fromReplay(call, replayed, expected, ctx) : await renderOverHttp(call, expected, ctx);
  if (outcome.type === 'image') return { ...outcome, renderer: 'chart-img' };
  // Fixture replays are deterministic test doubles: only a provider that could not serve the request falls back.
  if (replayed === undefined && ctx.settings.renderFallback === 'local' && isFallbackError(outcome.error)) {
    return renderLocally(call, { ...localOptions(ctx, 'fallback'), providerError: outcome.error });
  }
  return outcome;
}

function localOptions(ctx: RenderContext, reason: LocalRenderReason) {
  return { renderer: ctx.localRenderer, ohlcvMissing: ctx.ohlcvMissing, reason, tally: ctx.tally, log: ctx.log };
}

function fromReplay(call: ChartCall, response: ChartApiResponse, expected: Expectation, ctx: RenderContext): RenderOutcome {
  ctx.tally.countReplay();
  const verdict = classifyChartResponse(response, expected);
  logAttempt(ctx, call, { attempt: 1, verdict, response });
  if (verdict.type === 'image') return { type: 'image', bytes: verdict.bytes };
  // A replay is deterministic: retrying or switching accounts would answer the same.
  return { type: 'failure', error: errorOf(verdict, call, ctx.chartApi.mode) };
}

async function renderOverHttp(call: ChartCall, expected: Expectation, ctx: RenderContext): Promise<RenderOutcome> {
  const excluded = new Set<string>();
  // After `403 Exceed Max Usage`, only a plan larger than the refused one can serve the request.
  const refusedPlans: PlanRefusal[] = [];
  let lastError: DomainError | undefined;
  for (let attempt = 1; attempt <= ctx.settings.maxAttemptsPerRequest; attempt++) {
    if (ctx.clock.now().getTime() >= ctx.deadlineAt) {
      return { type: 'failure', error: deadlineError(call, attempt - 1, lastError) };
    }
    const demand: RenderDemand = refusedPlans.length === 0 ? expected.demand : { ...expected.demand, refusedPlans: [...refusedPlans] };
    const reserved = await ctx.accounts.reserve(demand, excluded);
    if (reserved.type === 'unavailable') {
      return { type: 'failure', error: unavailableError(call, expected.demand, reserved, lastError, ctx) };
    }
    const { reservation } = reserved;
    const timeoutMs = Math.max(1, Math.min(ctx.settings.attemptTimeoutMs, ctx.deadlineAt - ctx.clock.now().getTime()));
    ctx.log.log('INFO', LOG_EVENTS.chartCallStarted, `chart-img call for ${call.chartTemplateId} on ${reservation.accountId}`, {
      chartsApi: { mode: ctx.chartApi.mode, accountId: reservation.accountId, attempt, interval: call.interval, chartImgSymbol: call.chartImgSymbol },
    });
    const response = await ctx.chartApi.render(call, reservation, timeoutMs);
    const verdict = classifyChartResponse(response, expected);
    const notSent = response.kind === 'transport-error' && response.notSent === true;
    // A call that never left this process spent no quota: its unit goes back and it is no call in the usage.
    if (notSent) await ctx.accounts.release(reservation);
    else ctx.tally.countCall(reservation.accountId, verdict.type === 'image');
    logAttempt(ctx, call, { attempt, verdict, response, accountId: reservation.accountId });

    switch (verdict.type) {
      case 'image':
        await ctx.accounts.record(reservation, { type: 'succeeded' });
        return { type: 'image', bytes: verdict.bytes };
      case 'quota-exhausted':
        await ctx.accounts.record(reservation, { type: 'quota-exhausted' });
        excluded.add(reservation.accountId);
        lastError = errorOf(verdict, call, ctx.chartApi.mode);
        break;
      case 'key-rejected':
        await ctx.accounts.record(reservation, { type: 'key-rejected', reason: verdict.message });
        excluded.add(reservation.accountId);
        lastError = errorOf(verdict, call, ctx.chartApi.mode);
        break;
      case 'plan-limit':
        await ctx.accounts.record(reservation, { type: 'failed' });
        excluded.add(reservation.accountId);
        refusedPlans.push({ plan: reservation.plan, ...(verdict.limit === undefined ? {} : { limit: verdict.limit }) });
        lastError = errorOf(verdict, call, ctx.chartApi.mode);
        break;
      case 'retriable': {
        if (!notSent) await ctx.accounts.record(reservation, { type: 'failed' });
        lastError = errorOf(verdict, call, ctx.chartApi.mode);
        if (attempt < ctx.settings.maxAttemptsPerRequest) await pause(ctx, attempt, verdict.retryAfterMs);
        break;
      }
      case 'fatal':
        await ctx.accounts.record(reservation, { type: 'failed' });
        return { type: 'failure', error: errorOf(verdict, call, ctx.chartApi.mode) };
    }
  }
  const attempts = ctx.settings.maxAttemptsPerRequest;
  const last = lastError ?? domainError('CHART_API_FAILED', 'no attempt was made');
  return {
    type: 'failure',
    error: domainError(last.code, `${call.chartTemplateId}: gave up after ${attempts} attempts; last: ${last.message}`, {
      ...last.details,
      attempts,
    }),
  };
}

async function pause(ctx: RenderContext, retry: number, retryAfterMs: number | undefined): Promise<void> {
  const delay = backoffDelayMs({
    retry,
    baseMs: ctx.settings.backoffBaseMs,
    maxMs: ctx.settings.backoffMaxMs,
    random: ctx.random,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
  const remaining = ctx.deadlineAt - ctx.clock.now().getTime();
  await ctx.clock.sleep(Math.max(0, Math.min(delay, remaining)));
}

function errorOf(verdict: Exclude<ChartVerdict, { type: 'image' }>, call: ChartCall, mode: string): DomainError {
  const details: Record<string, unknown> = {
    chartTemplateId: call.chartTemplateId,
    chartImgSymbol: call.chartImgSymbol,
    interval: call.interval,
    chartsApiMode: mode,
    ...('httpStatus' in verdict && verdict.httpStatus !== undefined ? { httpStatus: verdict.httpStatus } : {}),
  };
  if (verdict.type === 'fatal') return domainError(verdict.code, verdict.message, { ...details, ...verdict.details });
  if (verdict.type === 'quota-exhausted') return domainError('CHART_API_LIMIT_EXCEEDED', verdict.message, details);
  return domainError('CHART_API_FAILED', verdict.message, { ...details, reason: verdict.type === 'retriable' ? verdict.reason : verdict.type });
}

function unavailableError(
  call: ChartCall,
  demand: RenderDemand,
  result: Extract<ReserveResult, { type: 'unavailable' }>,
  lastError: DomainError | undefined,
  ctx: RenderContext,
): DomainError {
  const details = {
    chartTemplateId: call.chartTemplateId,
    reason: result.reason,
    exhaustedAccountIds: [...result.exhaustedAccountIds],
    disabledAccountIds: [...result.disabledAccountIds],
  };
  if (result.reason === 'all-exhausted') {
    ctx.onAllExhausted(result.exhaustedAccountIds);
    return domainError(
      'CHART_API_LIMIT_EXCEEDED',
      `${call.chartTemplateId}: every Chart-IMG account is out of quota (${result.exhaustedAccountIds.join(', ') || 'none left'})`,
      details,
    );
  }
  if (lastError?.code === 'CHART_API_LIMIT_EXCEEDED' && result.disabledAccountIds.length === 0 && result.exhaustedAccountIds.length > 0) {
    // Every account answered `Limit Exceeded` during this request: the pool is exhausted, not just excluded.
    ctx.onAllExhausted(result.exhaustedAccountIds);
  }
  if (lastError !== undefined) {
    return domainError(lastError.code, `${call.chartTemplateId}: no other account left to try; last: ${lastError.message}`, {
      ...lastError.details,
      ...details,
    });
  }
  const why =
    result.reason === 'no-plan-fits'
      ? `no configured account's plan can serve ${demand.width}x${demand.height} with ${demand.parameterCount} studies+drawings`
      : 'no usable Chart-IMG account is configured';
  return domainError('CHART_API_FAILED', `${call.chartTemplateId}: ${why}`, details);
}

function deadlineError(call: ChartCall, attempts: number, lastError: DomainError | undefined): DomainError {
  return domainError(
    lastError?.code ?? 'CHART_API_FAILED',
    `${call.chartTemplateId}: step deadline reached after ${attempts} attempt(s)${lastError ? `; last: ${lastError.message}` : ''}`,
    { ...lastError?.details, attempts, reason: 'deadline' },
  );
}

function logAttempt(ctx: RenderContext, call: ChartCall, p: { attempt: number; verdict: ChartVerdict; response: ChartApiResponse; accountId?: string }): void {
  const ok = p.verdict.type === 'image';
  const httpStatus = p.response.kind === 'http' ? p.response.status : undefined;
  const durationMs = p.response.kind === 'fixture-missing' ? 0 : p.response.durationMs;
  const errorCode = ok ? undefined : errorOf(p.verdict as Exclude<ChartVerdict, { type: 'image' }>, call, ctx.chartApi.mode).code;
  const replay = p.accountId === undefined;
  // `not-sent`: the client's rate limiter allowed no call in time, so the provider saw nothing (and no quota went).
  const notSent = p.response.kind === 'transport-error' && p.response.notSent === true;
  ctx.log.log(ok ? 'INFO' : 'WARNING', LOG_EVENTS.chartCallFinished, describeAttempt(call, p.verdict, replay, p.accountId), {
    chartsApi: {
      mode: ctx.chartApi.mode,
      source: replay ? 'fixture' : notSent ? 'not-sent' : 'http',
      fixtureKey: call.fixtureKey,
      accountId: p.accountId,
      chartImgSymbol: call.chartImgSymbol,
      interval: call.interval,
      attempt: p.attempt,
      outcome: ok ? 'succeeded' : p.verdict.type,
      httpStatus,
      errorCode,
      durationMs,
    },
  });
}

function describeAttempt(call: ChartCall, verdict: ChartVerdict, replay: boolean, accountId?: string): string {
  const via = replay ? `fixture ${call.fixtureKey}` : `account ${accountId}`;
  return verdict.type === 'image' ? `rendered ${call.chartTemplateId} via ${via}` : `${call.chartTemplateId} via ${via} failed: ${verdict.message}`;
}
