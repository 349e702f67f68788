/**
 * The provider's per-second rate limit as the fake applies it: a token bucket of `burst`
 * refilled at `ratePerSecond`; a request that finds it empty is refused, not delayed.
 */
export class FakeRateLimit {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  /** true (and one token spent) when a request arriving at `now` is within the rate. */
  tryTake(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
