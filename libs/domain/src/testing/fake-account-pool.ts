import { chooseAccount, sendCapacity, type AccountState } from '../chart-img/index.js';
import type { AccountCallOutcome, AccountPool, AccountReservation, RenderDemand, ReserveResult } from '../ports/account-pool.js';
import type { Clock } from '../ports/clock.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An AccountPool over plain states using the domain's choice rule; logs every reservation, release and outcome. */
export class FakeAccountPool implements AccountPool {
  readonly reservations: string[] = [];
  /** Accounts whose reserved unit was given back, in order. */
  readonly releases: string[] = [];
  readonly outcomes: Array<{ accountId: string; outcome: AccountCallOutcome }> = [];
  readonly states: Array<Mutable<AccountState>>;

  constructor(
    states: Array<Partial<AccountState> & { id: string }>,
    private readonly clock: Clock,
  ) {
    this.states = states.map((s) => ({ plan: 'PRO', priority: 100, dailyLimit: 44, usageToday: 0, ...s }));
  }

  async reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult> {
    const choice = chooseAccount(this.states, demand, exclude, this.clock.now());
    if (choice.type === 'none') {
      return {
        type: 'unavailable',
        reason: choice.reason,
        exhaustedAccountIds: choice.exhaustedAccountIds,
        disabledAccountIds: choice.disabledAccountIds,
      };
    }
    const state = this.state(choice.accountId);
    state.usageToday += 1;
    this.reservations.push(state.id);
    return { type: 'reserved', reservation: { accountId: state.id, plan: state.plan } };
  }

  async release(reservation: AccountReservation): Promise<void> {
    this.releases.push(reservation.accountId);
    const state = this.state(reservation.accountId);
    state.usageToday = Math.max(0, state.usageToday - 1);
  }

  async record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void> {
    this.outcomes.push({ accountId: reservation.accountId, outcome });
    const state = this.state(reservation.accountId);
    if (outcome.type === 'quota-exhausted') state.usageToday = state.dailyLimit;
    if (outcome.type === 'key-rejected') {
      state.disabled = true;
      state.disabledReason = outcome.reason;
    }
  }

  /** The domain's rule over the states (no send schedule is kept: every account has its whole burst). */
  sendCapacity(): number {
    return sendCapacity(this.states, this.clock.now());
  }

  private state(id: string): Mutable<AccountState> {
    const state = this.states.find((s) => s.id === id);
    if (state === undefined) throw new Error(`unknown account ${id}`);
    return state;
  }
}
