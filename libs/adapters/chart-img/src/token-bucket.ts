import type { Clock } from '@worker-chart-export/domain';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Capacity: how many calls may go at once after a quiet spell. */
  readonly burst: number;
  readonly clock: Clock;
  /**
   * Added to every wait, so a call never reaches the provider a hair before its token does
   * (timers may fire early and arrival latencies vary). Default 0.
   */
  readonly marginMs?: number;
}

/**
 * A client-side token bucket: `take()` resolves when the caller may send one request.
 * Concurrent takers queue fairly: each one that finds the bucket empty goes into debt and
 * waits exactly until its own token has been refilled.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new Error(`token bucket needs ratePerSecond > 0 and burst >= 1, got ${options.ratePerSecond}/${options.burst}`);
    }
    this.tokens = options.burst;
    this.refilledAt = options.clock.now().getTime();
  }

  /** Waits for a token; resolves with the milliseconds waited (0 when one was available). */
  async take(): Promise<number> {
    return (await this.takeWithin(Number.POSITIVE_INFINITY)) ?? 0;
  }

  /**
   * Waits for a token when it can be had in less than `maxWaitMs`, and resolves with the
   * milliseconds waited. Otherwise takes nothing (no debt for later callers) and resolves
   * `undefined` at once: a caller with a deadline must not wait past it.
   */
  async takeWithin(maxWaitMs: number): Promise<number | undefined> {
    this.refill();
    const waitMs = this.waitMsFor(this.tokens - 1);
    if (waitMs > 0 && waitMs >= maxWaitMs) return undefined;
    this.tokens -= 1;
    if (waitMs === 0) return 0;
    await this.options.clock.sleep(waitMs);
    return waitMs;
  }

  /** The wait until the balance `tokensAfter` (negative: debt) is paid off. */
  private waitMsFor(tokensAfter: number): number {
    if (tokensAfter >= 0) return 0;
    return Math.ceil((-tokensAfter / this.options.ratePerSecond) * 1000) + (this.options.marginMs ?? 0);
  }

  private refill(): void {
    const now = this.options.clock.now().getTime();
    const elapsedMs = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.options.burst, this.tokens + (elapsedMs / 1000) * this.options.ratePerSecond);
    this.refilledAt = now;
  }
}
