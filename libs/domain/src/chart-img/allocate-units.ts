import type { RenderDemand } from '../ports/account-pool.js';
import { currentUsage, isExhausted, remainingQuota, type AccountState } from './account-state.js';
import { chooseAccount, type AccountChoice } from './choose-account.js';
import { scheduleSend, sendsAvailable } from './send-schedule.js';
import { utcDayWindow } from './utc-day-window.js';

/** One unit wanted: what the render needs, and the accounts it must not use. */
export interface UnitWanted {
  readonly demand: RenderDemand;
  readonly exclude: ReadonlySet<string>;
}

/** A unit granted on an account, with the earliest instant its call may be sent. */
export type UnitGrant = { readonly type: 'chosen'; readonly accountId: string; readonly sendAt: Date } | Extract<AccountChoice, { type: 'none' }>;

/**
 * Grants `wanted` units in order, each with `chooseAccount` on the states as the earlier grants left them
 * (usage counted, send schedule advanced), so one batch spreads over the accounts exactly as the same
 * reservations made one by one would. Returns the grants and the accounts' states after them.
 */
export function allocateUnits(states: readonly AccountState[], wanted: readonly UnitWanted[], now: Date): { grants: UnitGrant[]; states: AccountState[] } {
  const current = [...states];
  const grants = wanted.map((want): UnitGrant => {
    const choice = chooseAccount(current, want.demand, want.exclude, now);
    if (choice.type === 'none') return choice;
    const index = current.findIndex((state) => state.id === choice.accountId);
    const state = current[index] as AccountState;
    const scheduled = scheduleSend(state.plan, state.nextSendAt, now);
    const today = utcDayWindow(now);
    // A count from an earlier UTC day is gone: the unit opens today's window.
    const rolled = state.windowStart !== undefined && Date.parse(state.windowStart) < today.start.getTime();
    const used = currentUsage(state, now);
    const windowStart = rolled ? today.startIso : state.windowStart;
    current[index] = { ...state, usageToday: used + 1, nextSendAt: scheduled.nextSendAt, ...(windowStart === undefined ? {} : { windowStart }) };
    return { type: 'chosen', accountId: state.id, sendAt: scheduled.sendAt };
  });
  return { grants, states: current };
}

/**
 * How many calls the accounts could send at once right now: for each account neither disabled nor out of quota,
 * the burst its plan has left, at most its remaining quota. A step renders no more requests at once than this
 * (nor than its own cap), so no account is asked for more than its burst.
 */
export function sendCapacity(states: readonly AccountState[], now: Date): number {
  return states
    .filter((state) => state.disabled !== true && !isExhausted(state, now))
    .reduce((sum, state) => sum + Math.min(sendsAvailable(state.plan, state.nextSendAt, now), remainingQuota(state, now)), 0);
}
