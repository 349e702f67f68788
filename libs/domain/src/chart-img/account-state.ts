import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';
import { utcDayWindow } from './utc-day-window.js';

/** One account as every AccountPool adapter sees it: config merged with its usage document. No key. */
export interface AccountState {
  readonly id: string;
  readonly plan: ChartImgPlan;
  readonly priority: number;
  readonly dailyLimit: number;
  /** Units reserved in the window starting at `windowStart`. */
  readonly usageToday: number;
  /** Start of the UTC day `usageToday` belongs to (ISO 8601); absent means the current window. */
  readonly windowStart?: string;
  /** Set on 429 `Limit Exceeded`: no calls before this instant. */
  readonly exhaustedUntil?: Date;
  readonly disabled?: boolean;
  readonly disabledReason?: string;
  /** The key's shared send schedule (see `scheduleSend`); absent: no call paced yet, a full burst. */
  readonly nextSendAt?: Date;
}

/** `usageToday`, or 0 once the UTC day it was counted in is over. */
export function currentUsage(state: AccountState, now: Date): number {
  if (state.windowStart === undefined) return state.usageToday;
  const windowStartMs = Date.parse(state.windowStart);
  // An unreadable window start keeps its count: better to under-use an account than to overspend it.
  if (Number.isNaN(windowStartMs)) return state.usageToday;
  return windowStartMs < utcDayWindow(now).start.getTime() ? 0 : state.usageToday;
}

/** Units left in the current window (never negative). */
export function remainingQuota(state: AccountState, now: Date): number {
  return Math.max(0, state.dailyLimit - currentUsage(state, now));
}

/** Out of quota for now: marked exhausted until a later instant, or its usage reached the daily limit. */
export function isExhausted(state: AccountState, now: Date): boolean {
  const marked = state.exhaustedUntil !== undefined && state.exhaustedUntil.getTime() > now.getTime();
  return marked || currentUsage(state, now) >= state.dailyLimit;
}

/**
 * true when a unit reserved in the window starting at `reservedIn` is still counted in the window an
 * account's usage now belongs to (`countedIn`, after any new day started it again). Absent `reservedIn`:
 * the current window. A unit of an ended window cannot be given back: that window's count is gone.
 */
export function stillCounted(reservedIn: string | undefined, countedIn: string | undefined): boolean {
  if (reservedIn === undefined) return true;
  return countedIn !== undefined && Date.parse(reservedIn) === Date.parse(countedIn);
}
