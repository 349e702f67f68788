import { acquireLease, type LeaseAcquisition, type StepLease, type StepLeaseStore, type StoredRender } from '@worker-chart-export/domain';

/**
 * Step leases in a map, for the CLI's single process and for tests. Same rule as the
 * Firestore store (the domain's `acquireLease`), applied without an await in between.
 */
export class InMemoryStepLeaseStore implements StepLeaseStore {
  private readonly leases = new Map<string, StepLease>();

  async acquire(runId: string, stepId: string, owner: string, now: Date, ttlMs: number): Promise<LeaseAcquisition> {
    const result = acquireLease(this.leases.get(leaseKey(runId, stepId)), { runId, stepId, owner, now, ttlMs });
    if (result.type === 'acquired') this.leases.set(leaseKey(runId, stepId), result.lease);
    return { type: result.type, lease: copyLease(result.lease) } as LeaseAcquisition;
  }

  async get(runId: string, stepId: string): Promise<StepLease | undefined> {
    const lease = this.leases.get(leaseKey(runId, stepId));
    return lease === undefined ? undefined : copyLease(lease);
  }

  async recordRender(runId: string, stepId: string, render: StoredRender): Promise<void> {
    const lease = this.require(runId, stepId);
    const others = lease.storedRenders.filter((stored) => stored.chartTemplateId !== render.chartTemplateId);
    this.leases.set(leaseKey(runId, stepId), { ...lease, storedRenders: [...others, { ...render }] });
  }

  async renew(runId: string, stepId: string, owner: string, expiresAt: Date): Promise<void> {
    const lease = this.require(runId, stepId);
    if (lease.owner !== owner) {
      throw new Error(`lease ${leaseKey(runId, stepId)} is owned by ${lease.owner}, not ${owner}: cannot renew`);
    }
    this.leases.set(leaseKey(runId, stepId), { ...lease, expiresAt: new Date(expiresAt.getTime()) });
  }

  async listExpired(now: Date, limit: number): Promise<readonly StepLease[]> {
    return [...this.leases.values()]
      .filter((lease) => lease.expiresAt.getTime() < now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, Math.max(0, limit))
      .map(copyLease);
  }

  async close(runId: string, stepId: string): Promise<void> {
    this.leases.delete(leaseKey(runId, stepId));
  }

  private require(runId: string, stepId: string): StepLease {
    const lease = this.leases.get(leaseKey(runId, stepId));
    if (lease === undefined) throw new Error(`no lease for step ${stepId} of run ${runId}`);
    return lease;
  }
}

function leaseKey(runId: string, stepId: string): string {
  return `${runId}__${stepId}`;
}

function copyLease(lease: StepLease): StepLease {
  return {
    ...lease,
    claimedAt: new Date(lease.claimedAt.getTime()),
    expiresAt: new Date(lease.expiresAt.getTime()),
    storedRenders: lease.storedRenders.map((render) => ({ ...render })),
  };
}
