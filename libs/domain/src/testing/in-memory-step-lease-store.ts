import type { Clock } from '../ports/clock.js';
import type { LeaseAcquisition, LeaseFence, LeaseRecord, LeaseWrite, StepLease, StepLeaseStore } from '../ports/step-lease-store.js';
import { acquireLease, withRenders } from '../rules/acquire-lease.js';

const SYSTEM_TIME: Pick<Clock, 'now'> = { now: () => new Date() };

/**
 * StepLeaseStore in a Map: the one in-memory implementation, for tests and the CLI's single process.
 * `clock` plays the database's clock (expiry is judged by it, never by a caller). Every operation runs
 * without an await in between, so each is atomic; leases are copied in and out.
 */
export class InMemoryStepLeaseStore implements StepLeaseStore {
  private readonly leases = new Map<string, StepLease>();

  constructor(private readonly clock: Pick<Clock, 'now'> = SYSTEM_TIME) {}

  async acquire(runId: string, stepId: string, owner: string, ttlMs: number): Promise<LeaseAcquisition> {
    const result = acquireLease(this.leases.get(leaseKey(runId, stepId)), { runId, stepId, owner, now: this.clock.now(), ttlMs });
    if (result.type === 'acquired') this.leases.set(leaseKey(runId, stepId), copyLease(result.lease));
    return { type: result.type, lease: copyLease(result.lease) } as LeaseAcquisition;
  }

  async get(runId: string, stepId: string): Promise<StepLease | undefined> {
    const lease = this.leases.get(leaseKey(runId, stepId));
    return lease === undefined ? undefined : copyLease(lease);
  }

  async record(runId: string, stepId: string, fence: LeaseFence, record: LeaseRecord): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, (lease) => ({
      ...lease,
      storedRenders: withRenders(lease.storedRenders, record.renders ?? []),
      usageByAttempt: record.usage === undefined ? lease.usageByAttempt : { ...lease.usageByAttempt, [String(fence.attempt)]: structuredClone(record.usage) },
    }));
  }

  async renew(runId: string, stepId: string, fence: LeaseFence, ttlMs: number): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, (lease) => ({ ...lease, expiresAt: new Date(this.clock.now().getTime() + ttlMs) }));
  }

  async release(runId: string, stepId: string, fence: LeaseFence): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, () => undefined);
  }

  async listExpired(limit: number): Promise<readonly StepLease[]> {
    const now = this.clock.now().getTime();
    return [...this.leases.values()]
      .filter((lease) => lease.expiresAt.getTime() < now)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, Math.max(0, limit))
      .map(copyLease);
  }

  async close(runId: string, stepId: string): Promise<void> {
    this.leases.delete(leaseKey(runId, stepId));
  }

  /** Applies `change` (undefined: delete) only while the lease is `fence`'s. */
  private fenced(runId: string, stepId: string, fence: LeaseFence, change: (lease: StepLease) => StepLease | undefined): LeaseWrite {
    const key = leaseKey(runId, stepId);
    const lease = this.leases.get(key);
    if (lease === undefined || lease.owner !== fence.owner || lease.attempt !== fence.attempt) return { type: 'lost' };
    const next = change(lease);
    if (next === undefined) this.leases.delete(key);
    else this.leases.set(key, next);
    return { type: 'written' };
  }
}

function leaseKey(runId: string, stepId: string): string {
  return `${runId}__${stepId}`;
}

function copyLease(lease: StepLease): StepLease {
  return {
    ...lease,
    claimedAt: new Date(lease.claimedAt.getTime()),
    ...(lease.firstClaimedAt === undefined ? {} : { firstClaimedAt: new Date(lease.firstClaimedAt.getTime()) }),
    expiresAt: new Date(lease.expiresAt.getTime()),
    storedRenders: lease.storedRenders.map((render) => ({ ...render })),
    usageByAttempt: structuredClone(lease.usageByAttempt),
  };
}
