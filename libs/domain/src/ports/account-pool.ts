import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';

/** What an account's plan must be able to serve for one render. */
export interface RenderDemand {
  readonly width: number;
  readonly height: number;
  /** studies[] + drawings[] */
  readonly parameterCount: number;
}

/** A unit of quota reserved on one account. Carries no secret: the HTTP adapter looks the key up by id. */
export interface AccountReservation {
  readonly accountId: string;
  readonly plan: ChartImgPlan;
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
 * Chart-IMG accounts and their daily quota (DECISIONS D4). A unit is reserved atomically
 * before every HTTP call; choice: eligible (not exhausted, not disabled, plan fits),
 * then lowest priority, then most remaining quota, then id.
 */
export interface AccountPool {
  reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult>;
  record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void>;
}
export const AccountPool = Symbol.for('worker-chart-export.AccountPool');
