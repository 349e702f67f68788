import type { DocumentReference, DocumentSnapshot, Firestore } from '@google-cloud/firestore';
import {
  chooseAccount,
  currentUsage,
  remainingQuota,
  toRfc3339Utc,
  utcDayWindow,
  type AccountCallOutcome,
  type AccountPool,
  type AccountReservation,
  type ChartImgAccount,
  type Clock,
  type RenderDemand,
  type ReserveResult,
} from '@worker-chart-export/domain';
import type { AccountStatusRow } from './account-status-row.js';
import { readAccountUsage, toAccountState, type AccountUsage } from './account-usage-document.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';

export const ACCOUNTS_USAGE_COLLECTION = 'chart_img_accounts_usage';

// Every contender but one loses a round, so the budget must outlast a crowd on one account.
const RETRY: Omit<ConflictRetryOptions, 'what'> = { maxAttempts: 80, baseDelayMs: 5, maxDelayMs: 100 };

/**
 * Chart-IMG accounts with their shared daily usage in `chart_img_accounts_usage/{accountId}` (DECISIONS D4).
 * `reserve` reads every account, picks one with the domain's `chooseAccount` and increments its usage with an
 * update-time precondition (create for a first use), retrying on conflict, so concurrent workers never grant
 * more units than the limit (calls on one instance are queued, so conflicts only arise between
 * instances, i.e. workers). The window is the UTC day of the injected clock; a document from an earlier day
 * counts as unused. A `dailyLimit` in the document overrides the configuration. Keys never reach Firestore.
 */
export class FirestoreAccountPool implements AccountPool {
  private readonly accounts: readonly ChartImgAccount[];
  /** Calls of this process run one after another: they would only make each other retry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Firestore,
    accounts: readonly ChartImgAccount[],
    private readonly clock: Clock,
  ) {
    this.accounts = [...accounts];
  }

  async reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult> {
    return this.serialized(() => this.reserveUnit(demand, exclude));
  }

  async record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void> {
    return this.serialized(() => this.recordOutcome(reservation, outcome));
  }

  private reserveUnit(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult> {
    return retryOnConflict({ ...RETRY, what: 'reserving a Chart-IMG account unit' }, async () => {
      const now = this.clock.now();
      const snapshots = await this.readAll();
      const states = this.accounts.map((account, index) => toAccountState(account, readAccountUsage(snapshots[index])));
      const choice = chooseAccount(states, demand, exclude, now);
      if (choice.type === 'none') {
        return {
          type: 'unavailable',
          reason: choice.reason,
          exhaustedAccountIds: choice.exhaustedAccountIds,
          disabledAccountIds: choice.disabledAccountIds,
        };
      }
      const index = this.accounts.findIndex((account) => account.id === choice.accountId);
      const account = this.accounts[index] as ChartImgAccount;
      const snapshot = snapshots[index] as DocumentSnapshot;
      const usage = readAccountUsage(snapshot);
      const window = windowFields(usage, now);
      const used = currentUsage(toAccountState(account, usage), now);
      await write(snapshot, { ...window, usageToday: used + 1, lastUsedAt: toRfc3339Utc(now) });
      return { type: 'reserved', reservation: { accountId: account.id, plan: account.plan } };
    });
  }

  private async recordOutcome(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void> {
    const ref = this.ref(reservation.accountId);
    await retryOnConflict({ ...RETRY, what: `recording an outcome on account ${reservation.accountId}` }, async () => {
      const now = this.clock.now();
      const snapshot = await ref.get();
      const usage = readAccountUsage(snapshot);
      const window = windowFields(usage, now);
      const fields: Record<string, unknown> = { ...window, lastUsedAt: toRfc3339Utc(now) };
      if (outcome.type === 'succeeded') {
        fields['successToday'] = (window.successToday ?? usage.successToday) + 1;
      } else {
        fields['failureToday'] = (window.failureToday ?? usage.failureToday) + 1;
      }
      if (outcome.type === 'quota-exhausted') {
        fields['exhaustedUntil'] = toRfc3339Utc(utcDayWindow(now).end);
      }
      if (outcome.type === 'key-rejected') {
        fields['disabled'] = true;
        fields['disabledReason'] = outcome.reason;
      }
      await write(snapshot, fields);
    });
  }

  /** Every configured account's usage in the current window, in configuration order (`accounts status`). */
  async status(): Promise<AccountStatusRow[]> {
    const now = this.clock.now();
    const snapshots = await this.readAll();
    return this.accounts.map((account, index) => statusRow(account, readAccountUsage(snapshots[index]), now));
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readAll(): Promise<DocumentSnapshot[]> {
    if (this.accounts.length === 0) return [];
    return this.db.getAll(...this.accounts.map((account) => this.ref(account.id)));
  }

  private ref(accountId: string): DocumentReference {
    return this.db.collection(ACCOUNTS_USAGE_COLLECTION).doc(accountId);
  }
}

/**
 * The window fields to write: unchanged within the current UTC day; a new window (usage and counters at 0)
 * once the stored one is from an earlier day. A later stored window (another worker's clock ahead) is kept.
 */
function windowFields(usage: AccountUsage, now: Date): { windowStart: string; usageToday?: number; successToday?: number; failureToday?: number } {
  const current = utcDayWindow(now).start;
  const stored = usage.windowStart === undefined ? Number.NaN : Date.parse(usage.windowStart);
  if (!Number.isNaN(stored) && stored >= current.getTime()) return { windowStart: usage.windowStart as string };
  return { windowStart: toRfc3339Utc(current), usageToday: 0, successToday: 0, failureToday: 0 };
}

/** Creates the document on first use, else updates it only if nobody wrote since it was read. */
async function write(snapshot: DocumentSnapshot, fields: Record<string, unknown>): Promise<void> {
  if (!snapshot.exists) {
    await snapshot.ref.create({ usageToday: 0, successToday: 0, failureToday: 0, ...fields });
    return;
  }
  await snapshot.ref.update(fields, { lastUpdateTime: snapshot.updateTime });
}

function statusRow(account: ChartImgAccount, usage: AccountUsage, now: Date): AccountStatusRow {
  const state = toAccountState(account, usage);
  const fresh = windowFields(usage, now).usageToday === undefined;
  const exhausted = usage.exhaustedUntil !== undefined && usage.exhaustedUntil.getTime() > now.getTime();
  return {
    id: account.id,
    plan: account.plan,
    priority: account.priority,
    used: currentUsage(state, now),
    limit: state.dailyLimit,
    remaining: remainingQuota(state, now),
    ...(exhausted ? { exhaustedUntil: toRfc3339Utc(usage.exhaustedUntil as Date) } : {}),
    disabled: usage.disabled,
    ...(usage.disabledReason === undefined ? {} : { disabledReason: usage.disabledReason }),
    successToday: fresh ? usage.successToday : 0,
    failureToday: fresh ? usage.failureToday : 0,
    ...(usage.lastUsedAt === undefined ? {} : { lastUsedAt: usage.lastUsedAt }),
  };
}
