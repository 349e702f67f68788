import { allocateUnits, remainingQuota, sendCapacity, stillCounted, utcDayWindow, type AccountState, type UnitGrant } from '../chart-img/index.js';
import { DEFAULT_DAILY_LIMIT, DEFAULT_PRIORITY, type ChartImgAccount } from '../contracts/accounts-config.schema.js';
import type { AccountCallOutcome, AccountPool, AccountReservation, RenderDemand, ReserveResult } from '../ports/account-pool.js';
import type { Clock } from '../ports/clock.js';

/** An account's state and counters for today, as `accounts status` shows it. Holds no key. */
export interface AccountUsageSnapshot extends AccountState {
  /** Start of the UTC day the counters belong to (ISO 8601). */
  readonly windowStart: string;
  readonly remaining: number;
  readonly successToday: number;
  readonly failureToday: number;
  readonly lastUsedAt?: Date;
}

/** Usage carried over from elsewhere (a state file, a test) for one configured account. */
export type AccountUsageSeed = { readonly id: string } & Partial<
  Pick<
    AccountUsageSnapshot,
    'usageToday' | 'windowStart' | 'dailyLimit' | 'exhaustedUntil' | 'disabled' | 'disabledReason' | 'successToday' | 'failureToday' | 'lastUsedAt'
  >
>;

/**
 * A configured account as the pool needs it: the API key is never read. Fields left out take the accounts
 * file's defaults (BASIC plan, priority 100, 44 renders a day).
 */
export type PoolAccount = Pick<ChartImgAccount, 'id'> & Partial<Pick<ChartImgAccount, 'plan' | 'priority' | 'dailyLimit'>>;

type MutableUsage = { -readonly [K in keyof Omit<AccountUsageSnapshot, 'remaining'>]: AccountUsageSnapshot[K] };

/**
 * The state in the UTC day of `now`: a new day starts the counters again. Exhaustion and disabling are
 * kept (exhaustion carries its own end). An unreadable window start keeps its counts, as `currentUsage` does.
 */
function rolledOver(state: MutableUsage, now: Date): MutableUsage {
  const today = utcDayWindow(now);
  if (!(Date.parse(state.windowStart) < today.start.getTime())) return state;
  return { ...state, usageToday: 0, successToday: 0, failureToday: 0, windowStart: today.startIso };
}

/**
 * Chart-IMG accounts with usage kept in this process: the one in-memory AccountPool, run by the CLI's embedded
 * default and by tests, so the tests' pool cannot drift from what the CLI runs. `reserve` chooses with the
 * domain's rule and counts the unit before it returns, with no await in between, so concurrent reservations never
 * overspend an account; it also hands out the unit's send time from the key's schedule (its plan's rate and burst).
 * Counters start again at each UTC midnight. API keys are never copied in. The account ids of every reservation,
 * release and outcome are kept in order, so a test can tell what the pool was asked.
 */
export class InMemoryAccountPool implements AccountPool {
  /** Account of each unit reserved, in order. */
  readonly reservations: string[] = [];
  /** Account of each unit given back, in order. */
  readonly releases: string[] = [];
  /** Each recorded outcome with its account, in order. */
  readonly outcomes: Array<{ accountId: string; outcome: AccountCallOutcome }> = [];
  private readonly states: MutableUsage[];

  constructor(
    accounts: readonly PoolAccount[],
    private readonly clock: Clock,
    seeds: readonly AccountUsageSeed[] = [],
  ) {
    const windowStart = utcDayWindow(clock.now()).startIso;
    const seen = new Set<string>();
    this.states = accounts.map((account) => {
      if (seen.has(account.id)) throw new Error(`account id "${account.id}" is configured twice`);
      seen.add(account.id);
      // Seeds for accounts no longer configured are ignored: the configuration decides which accounts exist.
      const seed = seeds.find((s) => s.id === account.id);
      return {
        id: account.id,
        plan: account.plan ?? 'BASIC',
        priority: account.priority ?? DEFAULT_PRIORITY,
        dailyLimit: seed?.dailyLimit ?? account.dailyLimit ?? DEFAULT_DAILY_LIMIT,
        usageToday: seed?.usageToday ?? 0,
        windowStart: seed?.windowStart ?? windowStart,
        successToday: seed?.successToday ?? 0,
        failureToday: seed?.failureToday ?? 0,
        ...(seed?.exhaustedUntil === undefined ? {} : { exhaustedUntil: new Date(seed.exhaustedUntil.getTime()) }),
        ...(seed?.disabled === undefined ? {} : { disabled: seed.disabled }),
        ...(seed?.disabledReason === undefined ? {} : { disabledReason: seed.disabledReason }),
        ...(seed?.lastUsedAt === undefined ? {} : { lastUsedAt: new Date(seed.lastUsedAt.getTime()) }),
      };
    });
  }

  async reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult> {
    const now = this.clock.now();
    this.rollWindows(now);
    const allocated = allocateUnits(this.states, [{ demand, exclude }], now);
    const choice = allocated.grants[0] as UnitGrant;
    if (choice.type === 'none') {
      return {
        type: 'unavailable',
        reason: choice.reason,
        exhaustedAccountIds: choice.exhaustedAccountIds,
        disabledAccountIds: choice.disabledAccountIds,
      };
    }
    const state = this.state(choice.accountId);
    // The unit as allocateUnits counted it: usage and send schedule advanced.
    const { usageToday, nextSendAt } = allocated.states.find((s) => s.id === state.id) as AccountState;
    Object.assign(state, { usageToday, nextSendAt, lastUsedAt: now });
    this.reservations.push(state.id);
    return { type: 'reserved', reservation: { accountId: state.id, plan: state.plan, windowStart: state.windowStart, sendAt: choice.sendAt } };
  }

  /** The burst the usable accounts have left right now, at most their remaining quota. */
  sendCapacity(): number {
    const now = this.clock.now();
    this.rollWindows(now);
    return sendCapacity(this.states, now);
  }

  async release(reservation: AccountReservation): Promise<void> {
    const now = this.clock.now();
    this.rollWindows(now);
    const state = this.state(reservation.accountId);
    this.releases.push(state.id);
    if (!stillCounted(reservation.windowStart, state.windowStart)) return;
    state.usageToday = Math.max(0, state.usageToday - 1);
  }

  async record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void> {
    const now = this.clock.now();
    this.rollWindows(now);
    const state = this.state(reservation.accountId);
    this.outcomes.push({ accountId: state.id, outcome });
    if (outcome.type === 'succeeded') {
      state.successToday += 1;
      return;
    }
    state.failureToday += 1;
    if (outcome.type === 'quota-exhausted') state.exhaustedUntil = utcDayWindow(now).end;
    if (outcome.type === 'key-rejected') {
      state.disabled = true;
      state.disabledReason = outcome.reason;
    }
  }

  /** Every account's state now (counters of an earlier UTC day read as zero), in configuration order. */
  snapshot(): AccountUsageSnapshot[] {
    const now = this.clock.now();
    return this.states.map((state) => {
      const current = rolledOver(state, now);
      return {
        ...current,
        remaining: remainingQuota(current, now),
        ...(current.exhaustedUntil === undefined ? {} : { exhaustedUntil: new Date(current.exhaustedUntil.getTime()) }),
        ...(current.lastUsedAt === undefined ? {} : { lastUsedAt: new Date(current.lastUsedAt.getTime()) }),
      };
    });
  }

  private rollWindows(now: Date): void {
    for (const state of this.states) Object.assign(state, rolledOver(state, now));
  }

  private state(id: string): MutableUsage {
    const state = this.states.find((s) => s.id === id);
    if (state === undefined) throw new Error(`account "${id}" is not in the pool`);
    return state;
  }
}
