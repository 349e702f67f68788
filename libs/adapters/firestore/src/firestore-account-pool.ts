import type { DocumentReference, DocumentSnapshot, Firestore } from '@google-cloud/firestore';
import {
  allocateUnits,
  currentUsage,
  remainingQuota,
  sendCapacity,
  stillCounted,
  toRfc3339Utc,
  utcDayWindow,
  type AccountCallOutcome,
  type AccountPool,
  type AccountReservation,
  type AccountState,
  type ChartImgAccount,
  type Clock,
  type RenderDemand,
  type ReserveResult,
  type UnitWanted,
} from '@worker-chart-export/domain';
import type { AccountStatusRow } from './account-status-row.js';
import { readAccountUsage, toAccountState, type AccountUsage } from './account-usage-document.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';

export const ACCOUNTS_USAGE_COLLECTION = 'chart_img_accounts_usage';

// Every contender but one loses a round, so the budget must outlast a crowd on one account.
const RETRY: Omit<ConflictRetryOptions, 'what'> = { maxAttempts: 80, baseDelayMs: 5, maxDelayMs: 100 };
const ROUND_TRIPS_KEPT = 8;

interface PendingReserve {
  readonly wanted: UnitWanted;
  readonly resolve: (result: ReserveResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Chart-IMG accounts with their shared daily usage and send schedule in `chart_img_accounts_usage/{accountId}`.
 * Reservations made while another is on its way to Firestore (or in the same turn of the event loop) go
 * together: one read of every account, the domain's `allocateUnits`, and one atomic batch of writes, each
 * conditional on its document's update time (create for a first use), retried on conflict, so concurrent
 * workers never grant more units than the limit. With each unit the batch hands out its send time from the
 * key's schedule (`nextSendAt`), so every process sharing a key stays within its plan's rate; a send time that is
 * not now is pushed back by the store's recent round-trip, how late calls granted for now may reach the provider.
 * Records and releases are written on their own, without waiting for reservations. The window is the UTC day of the
 * injected clock; a document from an earlier day counts as unused. A `dailyLimit` in the document overrides
 * the configuration. `release` decrements the usage with the same precondition, only while the window the
 * unit was counted in lasts. Keys never reach Firestore.
 */
export class FirestoreAccountPool implements AccountPool {
  private readonly accounts: readonly ChartImgAccount[];
  private pending: PendingReserve[] = [];
  private batching = false;
  /** The accounts as the last reservation read them (at first: configured, unused), for `sendCapacity`. */
  private known: readonly AccountState[];
  /** How long the last reservations took, read to commit (ms). */
  private roundTrips: number[] = [];

  constructor(
    private readonly db: Firestore,
    accounts: readonly ChartImgAccount[],
    private readonly clock: Clock,
  ) {
    this.accounts = [...accounts];
    this.known = this.accounts.map((account) => toAccountState(account, readAccountUsage(undefined)));
  }

  reserve(demand: RenderDemand, exclude: ReadonlySet<string>): Promise<ReserveResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ wanted: { demand, exclude: new Set(exclude) }, resolve, reject });
      this.startBatch();
    });
  }

  sendCapacity(): number {
    return sendCapacity(this.known, this.clock.now());
  }

  /** Sends the waiting reservations as one batch, unless one is on its way: they then go right after it. */
  private startBatch(): void {
    if (this.batching) return;
    this.batching = true;
    // Reservations issued in this same turn of the event loop join the batch.
    setImmediate(() => void this.sendBatch());
  }

  private async sendBatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.reserveUnits(batch.map((p) => p.wanted));
      batch.forEach((p, index) => p.resolve(results[index] as ReserveResult));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.batching = false;
      if (this.pending.length > 0) this.startBatch();
    }
  }

  private reserveUnits(wanted: readonly UnitWanted[]): Promise<ReserveResult[]> {
    return retryOnConflict({ ...RETRY, what: 'reserving Chart-IMG account units' }, async () => {
      const started = this.clock.now().getTime();
      const snapshots = await this.readAll();
      // Read after the documents: a send time of now is as close to the commit as it can be.
      const now = this.clock.now();
      const usages = snapshots.map((snapshot) => readAccountUsage(snapshot));
      const before = this.accounts.map((account, index) => toAccountState(account, usages[index] as AccountUsage));
      const { grants, states: after } = allocateUnits(before, wanted, now);
      const touched = new Set(grants.flatMap((grant) => (grant.type === 'chosen' ? [grant.accountId] : [])));
      const windows = new Map<string, string>();
      if (touched.size > 0) {
        const batch = this.db.batch();
        this.accounts.forEach((account, index) => {
          if (!touched.has(account.id)) return;
          const snapshot = snapshots[index] as DocumentSnapshot;
          const usage = usages[index] as AccountUsage;
          const state = after[index] as AccountState;
          const window = windowFields(usage, now);
          windows.set(account.id, window.windowStart);
          const fields = {
            ...window,
            usageToday: state.usageToday,
            nextSendAt: (state.nextSendAt as Date).toISOString(),
            lastUsedAt: toRfc3339Utc(now),
          };
          if (snapshot.exists) batch.update(snapshot.ref, fields, { lastUpdateTime: snapshot.updateTime });
          else batch.create(snapshot.ref, { successToday: 0, failureToday: 0, ...fields });
        });
        await batch.commit();
      }
      this.known = after;
      const lateMs = this.noteRoundTrip(this.clock.now().getTime() - started);
      return grants.map((grant): ReserveResult => {
        if (grant.type === 'none') {
          return { type: 'unavailable', reason: grant.reason, exhaustedAccountIds: grant.exhaustedAccountIds, disabledAccountIds: grant.disabledAccountIds };
        }
        const account = this.accounts.find((a) => a.id === grant.accountId) as ChartImgAccount;
        return {
          type: 'reserved',
          reservation: { accountId: account.id, plan: account.plan, windowStart: windows.get(account.id) as string, sendAt: later(grant.sendAt, now, lateMs) },
        };
      });
    });
  }

  /**
   * Notes how long a reservation took, read to commit, and answers the longest of the last few: a call granted
   * "now" by any process sharing the store reaches the provider up to about that much after its send time (its
   * commit, then the client's own start; the read is counted in as a safety margin).
   */
  private noteRoundTrip(ms: number): number {
    this.roundTrips = [...this.roundTrips.slice(1 - ROUND_TRIPS_KEPT), Math.max(0, ms)];
    return Math.max(...this.roundTrips);
  }

  async release(reservation: AccountReservation): Promise<void> {
    const ref = this.ref(reservation.accountId);
    await retryOnConflict({ ...RETRY, what: `giving back a unit of account ${reservation.accountId}` }, async () => {
      const snapshot = await ref.get();
      if (!snapshot.exists) return;
      const usage = readAccountUsage(snapshot);
      const window = windowFields(usage, this.clock.now());
      // A new window started since the reservation: the unit was counted in a day whose count is gone.
      if (window.usageToday !== undefined || !stillCounted(reservation.windowStart, window.windowStart)) return;
      if (usage.usageToday === 0) return;
      await write(snapshot, { usageToday: usage.usageToday - 1 });
    });
  }

  async record(reservation: AccountReservation, outcome: AccountCallOutcome): Promise<void> {
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

/**
 * A send time one interval or more away, pushed back by `lateMs`: the calls granted for now, by this process or
 * another, reach the provider up to that late, and the provider's bucket refills from when they arrive. A send
 * time of now stays now.
 */
function later(sendAt: Date, now: Date, lateMs: number): Date {
  return sendAt.getTime() > now.getTime() ? new Date(sendAt.getTime() + lateMs) : sendAt;
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
