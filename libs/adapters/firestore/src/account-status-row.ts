import type { ChartImgPlan } from '@worker-chart-export/domain';

/** One line of `accounts status`. No key. */
export interface AccountStatusRow {
  readonly id: string;
  readonly plan: ChartImgPlan;
  readonly priority: number;
  /** Units used in the current UTC day. */
  readonly used: number;
  /** The effective daily limit (document override, else configuration). */
  readonly limit: number;
  readonly remaining: number;
  /** RFC 3339, only while still in the future. */
  readonly exhaustedUntil?: string;
  readonly disabled: boolean;
  readonly disabledReason?: string;
  readonly successToday: number;
  readonly failureToday: number;
  readonly lastUsedAt?: string;
}
