/**
 * Delay before retry number `retry` (1-based): exponential with full jitter, capped,
 * and never shorter than the provider's `Retry-After`.
 */
export function backoffDelayMs(p: { retry: number; baseMs: number; maxMs: number; random: () => number; retryAfterMs?: number }): number {
  const ceiling = Math.min(p.maxMs, p.baseMs * 2 ** (p.retry - 1));
  const jittered = Math.round(ceiling / 2 + (p.random() * ceiling) / 2);
  return Math.max(jittered, p.retryAfterMs ?? 0);
}
