import { performance } from 'node:perf_hooks';
import { got, RequestError, TimeoutError, type Got } from 'got';
import {
  isPng,
  PLAN_LIMITS,
  type AccountReservation,
  type ChartApi,
  type ChartApiResponse,
  type ChartCall,
  type ChartImgPlan,
  type Clock,
} from '@worker-chart-export/domain';
import type { AccountKeyring } from './account-keyring.js';
import { paceMarginMs } from './pace-margin.js';
import { parseRetryAfter } from './retry-after.js';
import { TokenBucket } from './token-bucket.js';

export const DEFAULT_CHART_IMG_BASE_URL = 'https://api.chart-img.com';
export const ADVANCED_CHART_PATH = '/v2/tradingview/advanced-chart';
/**
 * The most bytes of one provider response this client reads (16 MiB): a Chart-IMG PNG at the largest size
 * any plan renders (2048x1920) is a few MB at most. A body past it is aborted as it streams in.
 */
export const CHART_IMG_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface GotChartApiOptions {
  /** `CHART_IMG_BASE_URL`: `scheme://host[:port]`, a trailing slash is tolerated. */
  readonly baseUrl?: string;
  readonly keyring: AccountKeyring;
  readonly clock: Clock;
  /** A got instance, for tests; defaults to got itself. */
  readonly got?: Got;
  /** Default {@link CHART_IMG_MAX_RESPONSE_BYTES}. */
  readonly maxResponseBytes?: number;
}

/**
 * The Chart-IMG Advanced Chart endpoint over HTTP (mode `real`). One `render` is one attempt:
 * got never retries (the domain does) and never throws on an HTTP status; the answer is passed
 * on unclassified. Before each call the client waits until the reservation's `sendAt` (the key's send schedule,
 * shared through the account pool by every process using the key) or, for a reservation without one, on the
 * account's client-side token bucket (its plan's rate and burst), so the provider's rate limit is not tripped;
 * that wait counts toward `timeoutMs`, and a call that cannot leave in time is not sent at all (`notSent`).
 * A body larger than `maxResponseBytes` is aborted: a `too-large` transport error.
 */
export class GotChartApi implements ChartApi {
  readonly mode = 'real' as const;
  readonly url: string;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly got: Got;

  constructor(private readonly options: GotChartApiOptions) {
    this.url = `${(options.baseUrl ?? DEFAULT_CHART_IMG_BASE_URL).replace(/\/+$/, '')}${ADVANCED_CHART_PATH}`;
    this.got = options.got ?? got;
  }

  /** Real mode has no fixtures. */
  replay(_call: ChartCall): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse> {
    const apiKey = this.options.keyring.keyFor(account.accountId);
    // The rate-limit wait is part of the attempt's time budget: a call that could only leave
    // after its deadline is not sent at all.
    const waitStarted = this.options.clock.now().getTime();
    const waitedMs =
      account.sendAt === undefined ? await this.bucketFor(account).takeWithin(timeoutMs) : await this.waitUntil(account.sendAt, account.plan, timeoutMs);
    const spentMs = waitedMs === undefined ? 0 : Math.max(waitedMs, this.options.clock.now().getTime() - waitStarted);
    if (waitedMs === undefined || spentMs >= timeoutMs) {
      return {
        kind: 'transport-error',
        reason: 'timeout',
        message: `Chart-IMG account "${account.accountId}" could not be called within ${timeoutMs} ms: its ${account.plan} rate limit allows no earlier call`,
        durationMs: 0,
        notSent: true,
      };
    }
    const requestTimeoutMs = timeoutMs - spentMs;
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const maxBytes = this.options.maxResponseBytes ?? CHART_IMG_MAX_RESPONSE_BYTES;
    let tooLarge = false;
    try {
      const request = this.got.post(this.url, {
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(call.body),
        responseType: 'buffer',
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: requestTimeoutMs },
      });
      const abortPast = (bytes: number): void => {
        if (!(bytes > maxBytes) || tooLarge) return;
        tooLarge = true;
        request.cancel();
      };
      // A declared length past the cap is refused before any of the body is read; otherwise the (decompressed) bytes
      // are counted as they stream in.
      void request.on('response', (response: { headers: Record<string, string | string[] | undefined> }) =>
        abortPast(Number(response.headers['content-length'])),
      );
      void request.on('downloadProgress', (progress: { transferred: number }) => abortPast(progress.transferred));
      const response = await request;
      const body = response.body;
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
      return {
        kind: 'http',
        status: response.statusCode,
        contentType: response.headers['content-type'],
        body: this.scrubbedUnlessPng(new Uint8Array(body.buffer, body.byteOffset, body.byteLength)),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        source: 'network',
        durationMs: elapsed(),
      };
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      const durationMs = elapsed();
      if (tooLarge) {
        return {
          kind: 'transport-error',
          reason: 'too-large',
          message: `Chart-IMG response exceeded the ${describeBytes(maxBytes)} cap and was aborted`,
          durationMs,
        };
      }
      if (error instanceof TimeoutError || error.code === 'ETIMEDOUT') {
        return { kind: 'transport-error', reason: 'timeout', message: `Chart-IMG did not answer within ${timeoutMs} ms`, durationMs };
      }
      const message = this.options.keyring.scrub(`Chart-IMG request failed: ${error.code}: ${error.message}`);
      return { kind: 'transport-error', reason: 'network', message, durationMs };
    }
  }

  /**
   * Waits until the reservation's send time (the key's schedule shared by every process using it) plus the
   * plan's pacing margin; resolves the milliseconds waited, or `undefined` at once when that is not within
   * `timeoutMs`.
   */
  private async waitUntil(sendAt: Date, plan: ChartImgPlan, timeoutMs: number): Promise<number | undefined> {
    const aheadMs = sendAt.getTime() - this.options.clock.now().getTime();
    if (aheadMs <= 0) return 0;
    const waitMs = aheadMs + paceMarginMs(PLAN_LIMITS[plan].ratePerSecond);
    if (waitMs >= timeoutMs) return undefined;
    await this.options.clock.sleep(waitMs);
    return waitMs;
  }

  private bucketFor(account: AccountReservation): TokenBucket {
    let bucket = this.buckets.get(account.accountId);
    if (bucket === undefined) {
      const { ratePerSecond, burst } = PLAN_LIMITS[account.plan];
      bucket = new TokenBucket({ ratePerSecond, burst, clock: this.options.clock, marginMs: paceMarginMs(ratePerSecond) });
      this.buckets.set(account.accountId, bucket);
    }
    return bucket;
  }

  /**
   * A provider error may echo the key it was sent (`Invalid API key ...`), whatever content type it is labelled
   * with: every body that is not really a PNG is scrubbed before anyone (a fixture file included) sees it.
   */
  private scrubbedUnlessPng(body: Uint8Array): Uint8Array {
    if (isPng(body)) return body;
    const text = new TextDecoder().decode(body);
    const scrubbed = this.options.keyring.scrub(text);
    return scrubbed === text ? body : new TextEncoder().encode(scrubbed);
  }
}

/** `16 MiB`, `512 KiB` or `300 bytes`: the cap as an operator reads it. */
function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
