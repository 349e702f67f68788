import type { StepLease, StepLeaseStore, StoredRender } from '@worker-chart-export/domain';

/**
 * Step leases in a map, for the CLI's single process and for tests. Same semantics as the
 * Firestore store: `open` starts attempt 1 or the next attempt over an existing lease,
 * keeping the renders already stored.
 */
export class InMemoryStepLeaseStore implements StepLeaseStore {
  private readonly leases = new Map<string, StepLease>();

  async open(runId: string, stepId: string, owner: string, now: Date, ttlMs: number): Promise<StepLease> {
    const previous = this.leases.get(leaseKey(runId, stepId));
    const lease: StepLease = {
      runId,
      stepId,
      owner,
      attempt: (previous?.attempt ?? 0) + 1,
      claimedAt: new Date(now.getTime()),
      expiresAt: new Date(now.getTime() + ttlMs),
      storedRenders: previous?.storedRenders ?? [],
    };
    this.leases.set(leaseKey(runId, stepId), lease);
    return copyLease(lease);
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
