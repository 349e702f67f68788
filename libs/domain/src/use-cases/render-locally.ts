import { domainError, type DomainError } from '../errors/error-codes.js';
import type { ChartCall } from '../ports/chart-api.js';
import type { EventLog } from '../ports/event-log.js';
import type { LocalRenderer } from '../ports/local-renderer.js';
import { LOG_EVENTS } from './log-events.js';
import type { UsageTally } from './usage-tally.js';

/** Why the local renderer drew a request: the mode says so, or Chart-IMG could not serve it. */
export type LocalRenderReason = 'mode' | 'fallback';

export type LocalRenderOutcome =
  { readonly type: 'image'; readonly bytes: Uint8Array; readonly renderer: 'local' } | { readonly type: 'failure'; readonly error: DomainError };

/**
 * Draws one request with the local renderer and counts it apart from provider calls. Without OHLCV for the
 * step (`ohlcvMissing` says why) or without a renderer, the request fails naming what is missing; after a
 * fallback that failed too, the message keeps the provider's error.
 */
export async function renderLocally(
  call: ChartCall,
  p: {
    renderer: LocalRenderer | undefined;
    ohlcvMissing: string | undefined;
    reason: LocalRenderReason;
    providerError?: DomainError;
    tally: UsageTally;
    log: EventLog;
  },
): Promise<LocalRenderOutcome> {
  const failWith = (message: string): LocalRenderOutcome => {
    const prefix = `${call.chartTemplateId}: `;
    const own = message.startsWith(prefix) ? message : `${prefix}${message}`;
    return {
      type: 'failure',
      // After a fallback the provider's error leads (it already names the template) and keeps its code.
      error: domainError(
        p.providerError?.code ?? 'CHART_API_FAILED',
        p.providerError === undefined ? own : `${p.providerError.message}; local fallback: ${message}`,
        {
          ...p.providerError?.details,
          chartTemplateId: call.chartTemplateId,
          renderer: 'local',
        },
      ),
    };
  };
  if (p.renderer === undefined) return failWith('no local renderer is configured');
  if (call.ohlcvGcsUri === undefined) return failWith(`no OHLCV to draw from: ${p.ohlcvMissing ?? 'the step names no OHLCV file'}`);
  const result = await p.renderer.render(call);
  p.tally.countLocal(result.ok);
  p.log.log(
    result.ok ? 'INFO' : 'WARNING',
    LOG_EVENTS.localRenderFinished,
    result.ok ? `drew ${call.chartTemplateId} locally` : `${call.chartTemplateId} not drawn locally: ${result.message}`,
    {
      localRender: {
        reason: p.reason,
        ohlcvGcsUri: call.ohlcvGcsUri,
        ...(result.ok && result.ohlcvFrom !== undefined ? { ohlcvFrom: result.ohlcvFrom } : {}),
        outcome: result.ok ? 'succeeded' : 'failed',
        durationMs: Math.round(result.durationMs),
        ...(p.providerError === undefined ? {} : { providerErrorCode: p.providerError.code }),
      },
    },
  );
  if (!result.ok) return failWith(result.message);
  return { type: 'image', bytes: result.png, renderer: 'local' };
}

/** Whether a provider failure is one the fallback serves: quota spent everywhere, or the provider failing past its retries. */
export function isFallbackError(error: DomainError): boolean {
  if (error.details?.['reason'] === 'deadline') return false;
  return error.code === 'CHART_API_LIMIT_EXCEEDED' || error.code === 'CHART_API_FAILED';
}
