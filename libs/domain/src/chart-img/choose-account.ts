import type { RenderDemand } from '../ports/account-pool.js';
import { isExhausted, remainingQuota, type AccountState } from './account-state.js';
import { planCanServe } from './plan-limits.js';
import { scheduleSend } from './send-schedule.js';

export type AccountChoice =
  | { readonly type: 'chosen'; readonly accountId: string }
  | {
      readonly type: 'none';
      readonly reason: 'all-exhausted' | 'no-plan-fits' | 'no-accounts';
      readonly exhaustedAccountIds: string[];
      readonly disabledAccountIds: string[];
    };

/**
 * The account for the next attempt (docs/design.md#reserving-quota): among accounts not excluded, not disabled,
 * not exhausted and whose plan can serve `demand`, the one that can send soonest (any account with burst left
 * sends at once, so an account whose burst is spent is passed over for one that has some), then the lowest
 * priority, then the most remaining quota, then the smallest id. When none qualifies: `no-plan-fits` if some
 * usable account has quota but a plan too small, `all-exhausted` if usable accounts exist but are out of quota,
 * `no-accounts` when there are none (or all are disabled or excluded).
 */
export function chooseAccount(states: readonly AccountState[], demand: RenderDemand, exclude: ReadonlySet<string>, now: Date): AccountChoice {
  const usable = states.filter((state) => !exclude.has(state.id) && state.disabled !== true);
  const withQuota = usable.filter((state) => !isExhausted(state, now));
  const eligible = withQuota.filter((state) => planCanServe(state.plan, demand));
  const waitOf = (state: AccountState): number => scheduleSend(state.plan, state.nextSendAt, now).sendAt.getTime() - now.getTime();
  const best = [...eligible].sort(
    (a, b) => waitOf(a) - waitOf(b) || a.priority - b.priority || remainingQuota(b, now) - remainingQuota(a, now) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
  if (best !== undefined) return { type: 'chosen', accountId: best.id };

  const reason = withQuota.length > 0 ? 'no-plan-fits' : usable.length > 0 ? 'all-exhausted' : 'no-accounts';
  return {
    type: 'none',
    reason,
    exhaustedAccountIds: states.filter((state) => isExhausted(state, now)).map((state) => state.id),
    disabledAccountIds: states.filter((state) => state.disabled === true).map((state) => state.id),
  };
}
