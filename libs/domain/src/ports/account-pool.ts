import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';

/** What an account's plan must be able to serve for one render. */
export interface RenderDemand {
  readonly width: number;
  readonly height: number;
  /** studies[] + drawings[] */
  readonly parameterCount: number;
  /**
   * Plans the provider already refused this render on (`403 Exceed Max Usage ...`), with the limit it named
   * when it named one: an account whose plan is no larger than a refused one in that limit is not chosen.
   */
  readonly refusedPlans?: readonly PlanRefusal[];
}

/** The provider's `403 Exceed Max Usage ...` for one plan: which limit it said was exceeded, when it said. */
export interface PlanRefusal {
  readonly plan: ChartImgPlan;
  /** `resolution` or `parameters` (studies+drawings); absent when the message named neither. */
  readonly limit?: 'resolution' | 'parameters';
}

/** A unit of quota reserved on one account. Carries no secret: the HTTP adapter looks the key up by id. */
export interface AccountReservation {
  readonly accountId: string;
  readonly plan: ChartImgPlan;
  /**
   * Start (ISO 8601) of the UTC day the unit was counted in. `release` gives a unit back only within
   * that day; absent means the current day.
   */
  readonly windowStart?: string;
  /**
   * The earliest instant the call may be sent, from the key's send schedule shared by every process using the
   * account: the client waits until then (within the attempt's timeout). Absent: the pool keeps no schedule and
   * the client paces the key itself.
   */
  readonly sendAt?: Date;
}

export type ReserveResult =
  | { readonly type: 'reserved'; readonly reservation: AccountReservation }
  /** Nothing eligible. `exhaustedAccountIds` lists accounts out of quota for the window. */
  | {
      readonly type: 'unavailable';
      readonly reason: 'all-exhausted' | 'no-plan-fits' | 'no-accounts';
      readonly exhaustedAccountIds: readonly string[];
      readonly disabledAccountIds: readonly string[];
    };

/** What a call on a reserved account ended as, for the account's state and counters. */
export type AccountCallOutcome =
  | { readonly type: 'succeeded' }
  | { readonly type: 'failed' }
  /** 429 `Limit Exceeded`: out of quota until the window ends. */
  | { readonly type: 'quota-exhausted' }
  /** 403 `Forbidden`: the key was rejected. */
  | { readonly type: 'key-rejected'; readonly reason: string };

/**
 * Chart-IMG accounts, their daily quota and their keys' send schedules. A unit is reserved atomically
 * before every HTTP call; choice: eligible (not exhausted, not disabled, plan fits), then the one that can
 * send soonest (burst left), then lowest priority, then most remaining quota, then id.
 */
export interface AccountPool {
  reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult>;
  /** Counts what a call sent on the reservation ended as (the unit stays spent). */
  record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void>;
  /**
   * Gives back the unit of a reservation whose call was never sent (the client's own rate limiter
   * allowed no call in time). Once the UTC day it was counted in has ended, there is nothing to give back.
   */
  release(reservation: AccountReservation): Promise<void>;
  /**
   * How many calls the accounts could send at once right now (each usable account's burst left, at most its
   * remaining quota), from what the pool last knew, without I/O. A step renders at most this many requests at
   * once; a pool without it leaves the step to its own cap.
   */
  sendCapacity?(): number;
}
export const AccountPool = Symbol.for('worker-chart-export.AccountPool');
