/** The share of the interval between two tokens added to every token-bucket wait. */
const PACE_MARGIN_FRACTION = 0.5;
/** The least margin on any plan, against early timers and uneven latencies. */
const PACE_MARGIN_MIN_MS = 50;

/**
 * The slack added to every token-bucket wait of an account paced at `ratePerSecond`: half the interval
 * between two of its tokens, and never less than 50 ms. It absorbs a call that reaches the provider later
 * than the calls after it (a first call's TCP/TLS set-up, a loaded event loop): the provider's own bucket
 * starts refilling only when that call arrives. BASIC (1 call/s) gets 500 ms, PRO (10/s) 50 ms.
 */
export function paceMarginMs(ratePerSecond: number): number {
  return Math.max(PACE_MARGIN_MIN_MS, Math.ceil((PACE_MARGIN_FRACTION * 1000) / ratePerSecond));
}
