import type { LeaseAcquisition, StepLease, StepLeaseStore, StoredRender } from '../ports/step-lease-store.js';
import { acquireLease } from '../rules/acquire-lease.js';

/** StepLeaseStore in a Map (tests, and the embedded default's single process). */
export class InMemoryStepLeaseStore implements StepLeaseStore {
  readonly leases = new Map<string, StepLease>();

  async acquire(runId: string, stepId: string, owner: string, now: Date, ttlMs: number): Promise<LeaseAcquisition> {
    const result = acquireLease(this.leases.get(key(runId, stepId)), { runId, stepId, owner, now, ttlMs });
    if (result.type === 'acquired') this.leases.set(key(runId, stepId), result.lease);
    return result;
  }

  async get(runId: string, stepId: string): Promise<StepLease | undefined> {
    return this.leases.get(key(runId, stepId));
  }

  async recordRender(runId: string, stepId: string, render: StoredRender): Promise<void> {
    const lease = this.leases.get(key(runId, stepId));
    if (lease === undefined) throw new Error(`no lease for ${runId}/${stepId}`);
    const others = lease.storedRenders.filter((r) => r.chartTemplateId !== render.chartTemplateId);
    this.leases.set(key(runId, stepId), { ...lease, storedRenders: [...others, render] });
  }

  async renew(runId: string, stepId: string, owner: string, expiresAt: Date): Promise<void> {
    const lease = this.leases.get(key(runId, stepId));
    if (lease !== undefined && lease.owner === owner) this.leases.set(key(runId, stepId), { ...lease, expiresAt });
  }

  async listExpired(now: Date, limit: number): Promise<readonly StepLease[]> {
    return [...this.leases.values()]
      .filter((l) => l.expiresAt.getTime() < now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit);
  }

  async close(runId: string, stepId: string): Promise<void> {
    this.leases.delete(key(runId, stepId));
  }
}

const key = (runId: string, stepId: string): string => `${runId}__${stepId}`;
