/** A PNG stored by some attempt of a step: reused by later attempts instead of a new Chart-IMG call (D6). */
export interface StoredRender {
  readonly chartTemplateId: string;
  readonly objectPath: string;
  /** RFC 3339 UTC, the instant in the PNG's name. */
  readonly generatedAt: string;
  readonly kind: string;
}

/** The worker-owned record of who runs a step and what it already stored (`chart_export_leases/{runId}__{stepId}`). */
export interface StepLease {
  readonly runId: string;
  readonly stepId: string;
  readonly owner: string;
  /** 1 for the first claim, +1 for every re-drive by the sweeper. */
  readonly attempt: number;
  readonly claimedAt: Date;
  readonly expiresAt: Date;
  readonly storedRenders: readonly StoredRender[];
}

export type LeaseAcquisition =
  | { readonly type: 'acquired'; readonly lease: StepLease }
  /** Another owner's lease has not expired: that worker is (or may still be) running the step. */
  | { readonly type: 'held'; readonly lease: StepLease };

/**
 * Leases of CHART_EXPORT steps being run. A worker acquires the lease before it claims the step and
 * keeps it until the step is terminal; once it expires (a crashed or killed worker) the sweeper or
 * another event takes it over as the next attempt (bounded), reusing the renders already stored.
 * The acquisition rule itself is the domain's `acquireLease`; adapters make it atomic.
 */
export interface StepLeaseStore {
  /** No lease, or an expired one: take it (next attempt). An unexpired lease of another owner: `held`. */
  acquire(runId: string, stepId: string, owner: string, now: Date, ttlMs: number): Promise<LeaseAcquisition>;
  get(runId: string, stepId: string): Promise<StepLease | undefined>;
  /** Records a stored PNG; must be durable before the request counts as rendered. */
  recordRender(runId: string, stepId: string, render: StoredRender): Promise<void>;
  renew(runId: string, stepId: string, owner: string, expiresAt: Date): Promise<void>;
  /** Leases whose expiry is before `now`, oldest first. */
  listExpired(now: Date, limit: number): Promise<readonly StepLease[]>;
  /** Drops the lease once the step is terminal. */
  close(runId: string, stepId: string): Promise<void>;
}
export const StepLeaseStore = Symbol.for('worker-chart-export.StepLeaseStore');
