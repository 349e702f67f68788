import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';
import { PLAN_LIMITS } from './plan-limits.js';

/** When one call on an account may be sent, and the account's schedule after it. */
export interface ScheduledSend {
  /** The earliest instant the call may leave: `now` while the account has burst left. */
  readonly sendAt: Date;
  /** The account's `nextSendAt` once this call is counted. */
  readonly nextSendAt: Date;
}

/**
 * The provider's token bucket for one key (its plan's rate and burst), kept as a single instant so that any
 * number of processes can share it through one stored field: `nextSendAt` is when the bucket would be full
 * again after every call granted so far had been sent on time (the "theoretical arrival time" of the generic
 * cell rate algorithm). A call may leave once `nextSendAt` is at most `burst - 1` intervals away; each call
 * pushes it one interval further. So `burst` calls go at once after a quiet spell, then one per interval.
 * An absent or past `nextSendAt` is a full bucket.
 */
export function scheduleSend(plan: ChartImgPlan, nextSendAt: Date | undefined, now: Date): ScheduledSend {
  const { intervalMs, toleranceMs } = pace(plan);
  const full = Math.max(now.getTime(), nextSendAt?.getTime() ?? 0);
  const sendAt = Math.max(now.getTime(), full - toleranceMs);
  return { sendAt: new Date(sendAt), nextSendAt: new Date(full + intervalMs) };
}

/** Calls the account may send right now without waiting (0 to its plan's burst). */
export function sendsAvailable(plan: ChartImgPlan, nextSendAt: Date | undefined, now: Date): number {
  const { intervalMs, toleranceMs } = pace(plan);
  const ahead = Math.max(0, (nextSendAt?.getTime() ?? 0) - now.getTime());
  if (ahead > toleranceMs) return 0;
  // The epsilon keeps a whole number of intervals whole despite floating point (MEGA's interval is 66.67 ms).
  return Math.floor((toleranceMs - ahead) / intervalMs + 1e-9) + 1;
}

function pace(plan: ChartImgPlan): { intervalMs: number; toleranceMs: number } {
  const { ratePerSecond, burst } = PLAN_LIMITS[plan];
  const intervalMs = 1000 / ratePerSecond;
  return { intervalMs, toleranceMs: (burst - 1) * intervalMs };
}
