import type { ChartExportUsage } from '../contracts/flow-run.schema.js';

/** A PNG stored by some attempt of a step: reused by later attempts instead of a new Chart-IMG call. */
export interface StoredRender {
  readonly chartTemplateId: string;
  readonly objectPath: string;
  /** RFC 3339 UTC, the instant in the PNG's name. */
  readonly generatedAt: string;
  readonly kind: string;
}

/** Which execution a write speaks for: a write whose fence no longer matches the lease is refused. */
export interface LeaseFence {
  readonly owner: string;
  readonly attempt: number;
}

/** The worker-owned record of who runs a step and what it already stored (`chart_export_leases/{runId}__{stepId}`). */
export interface StepLease extends LeaseFence {
  readonly runId: string;
  readonly stepId: string;
  /** 1 for the first claim, +1 for every take-over of an expired lease. */
  readonly attempt: number;
  /** When this attempt took the lease. */
  readonly claimedAt: Date;
  /**
   * When the step's first attempt took the lease: PNGs older than this in the step's directory belong to an
   * earlier run of the step (put back to READY since), never to this one. Absent on leases stored before it existed.
   */
  readonly firstClaimedAt?: Date;
  readonly expiresAt: Date;
  readonly storedRenders: readonly StoredRender[];
  /** The Chart-IMG calls of each attempt so far, by attempt number: `outputs.usage` sums them. */
  readonly usageByAttempt: Readonly<Record<string, ChartExportUsage>>;
}

export type LeaseAcquisition =
  | { readonly type: 'acquired'; readonly lease: StepLease }
  /** Another owner's lease has not expired: that worker is (or may still be) running the step. */
  | { readonly type: 'held'; readonly lease: StepLease };

/** The answer to a fenced write: `lost` when the lease is gone or is another execution's now (nothing written). */
export type LeaseWrite = { readonly type: 'written' } | { readonly type: 'lost' };

/** What an execution notes in its lease: PNGs it stored, and/or its own attempt's call counts so far. */
export interface LeaseRecord {
  readonly renders?: readonly StoredRender[];
  readonly usage?: ChartExportUsage;
}

/**
 * Leases of CHART_EXPORT steps being run. A worker acquires the lease before it claims the step, renews it
 * while it works and drops it once the step is terminal; once it expires (a crashed or killed worker) the
 * sweeper or another event takes it over as the next attempt (bounded), reusing the renders already stored.
 *
 * Rules every implementation keeps:
 * - expiry is judged by the store's own clock (Firestore: the database's time), never by the caller's, so
 *   workers whose clocks disagree still agree on who holds a lease;
 * - the acquisition rule is the domain's `acquireLease`, applied atomically;
 * - `record`, `renew` and `release` are fenced: they change the lease only while its owner and attempt are
 *   the caller's, else answer `lost` and change nothing.
 */
export interface StepLeaseStore {
  /** No lease, or an expired one: take it (next attempt) for `ttlMs`. An unexpired lease of another owner: `held`. */
  acquire(runId: string, stepId: string, owner: string, ttlMs: number): Promise<LeaseAcquisition>;
  get(runId: string, stepId: string): Promise<StepLease | undefined>;
  /** Adds stored PNGs (one per template, the latest wins) and/or replaces this attempt's usage (`usageByAttempt[fence.attempt]`). */
  record(runId: string, stepId: string, fence: LeaseFence, record: LeaseRecord): Promise<LeaseWrite>;
  /** Moves the expiry to the store's now + `ttlMs`. */
  renew(runId: string, stepId: string, fence: LeaseFence, ttlMs: number): Promise<LeaseWrite>;
  /** Deletes the lease if it is still the caller's (the step is terminal, or the claim failed). */
  release(runId: string, stepId: string, fence: LeaseFence): Promise<LeaseWrite>;
  /** Leases expired by the store's clock, oldest first. */
  listExpired(limit: number): Promise<readonly StepLease[]>;
  /** Deletes the lease whoever holds it (the sweeper, for a step already terminal). */
  close(runId: string, stepId: string): Promise<void>;
}
export const StepLeaseStore = Symbol.for('worker-chart-export.StepLeaseStore');
