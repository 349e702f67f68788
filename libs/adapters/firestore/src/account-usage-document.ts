import { Timestamp, type DocumentSnapshot } from '@google-cloud/firestore';
import type { AccountState, ChartImgAccount } from '@worker-chart-export/domain';

/**
 * `chart_img_accounts_usage/{accountId}` as read. Fields an operator may have edited by hand are read
 * leniently: a value of the wrong type counts as absent.
 */
export interface AccountUsage {
  readonly usageToday: number;
  /** RFC 3339 start of the UTC day `usageToday` was counted in. */
  readonly windowStart?: string;
  /** Overrides the configured daily limit. */
  readonly dailyLimit?: number;
  readonly exhaustedUntil?: Date;
  readonly disabled: boolean;
  readonly disabledReason?: string;
  readonly successToday: number;
  readonly failureToday: number;
  readonly lastUsedAt?: string;
  /** The key's send schedule shared by every process (see the domain's `scheduleSend`). */
  readonly nextSendAt?: Date;
}

export function readAccountUsage(snapshot: DocumentSnapshot | undefined): AccountUsage {
  const data = (snapshot?.exists ? snapshot.data() : undefined) ?? {};
  const dailyLimit = data['dailyLimit'];
  return {
    usageToday: count(data['usageToday']),
    windowStart: text(data['windowStart']),
    dailyLimit: Number.isInteger(dailyLimit) && (dailyLimit as number) >= 0 ? (dailyLimit as number) : undefined,
    exhaustedUntil: instant(data['exhaustedUntil']),
    disabled: data['disabled'] === true,
    disabledReason: text(data['disabledReason']),
    successToday: count(data['successToday']),
    failureToday: count(data['failureToday']),
    lastUsedAt: text(data['lastUsedAt']),
    nextSendAt: instant(data['nextSendAt']),
  };
}

/** The domain's view of an account: the configuration with the document's values on top (they win). */
export function toAccountState(account: ChartImgAccount, usage: AccountUsage): AccountState {
  return {
    id: account.id,
    plan: account.plan,
    priority: account.priority,
    dailyLimit: usage.dailyLimit ?? account.dailyLimit,
    usageToday: usage.usageToday,
    // A document never written has no usage: count it as the current window.
    ...(usage.windowStart === undefined ? {} : { windowStart: usage.windowStart }),
    ...(usage.exhaustedUntil === undefined ? {} : { exhaustedUntil: usage.exhaustedUntil }),
    ...(usage.disabled ? { disabled: true } : {}),
    ...(usage.disabledReason === undefined ? {} : { disabledReason: usage.disabledReason }),
    ...(usage.nextSendAt === undefined ? {} : { nextSendAt: usage.nextSendAt }),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function instant(value: unknown): Date | undefined {
  if (value instanceof Timestamp) return value.toDate();
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
