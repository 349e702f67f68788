import type { AccountPool } from '../ports/account-pool.js';

/**
 * How many of a step's `requestCount` requests render at once: all of them, but no more than the accounts can
 * send right now (`sendCapacity`, when the pool knows it) nor than `cap`; at least one.
 */
export function stepConcurrency(requestCount: number, cap: number, accounts: AccountPool): number {
  const capacity = accounts.sendCapacity?.() ?? Number.POSITIVE_INFINITY;
  return Math.max(1, Math.min(requestCount, cap, capacity));
}
