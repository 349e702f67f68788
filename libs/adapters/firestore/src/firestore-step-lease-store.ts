import { Timestamp, type DocumentReference, type DocumentSnapshot, type Firestore } from '@google-cloud/firestore';
import { acquireLease, type LeaseAcquisition, type StepLease, type StepLeaseStore, type StoredRender } from '@worker-chart-export/domain';
import { leaseDocumentId } from './lease-document-id.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';
import { StepLeaseError } from './step-lease-error.js';

export const LEASES_COLLECTION = 'chart_export_leases';

const RETRY: Omit<ConflictRetryOptions, 'what'> = { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

/** The stored shape; times are Firestore timestamps so `expiresAt` range queries (and a TTL policy) work. */
interface LeaseDocument {
  readonly runId: string;
  readonly stepId: string;
  readonly owner: string;
  readonly attempt: number;
  readonly claimedAt: Timestamp;
  readonly expiresAt: Timestamp;
  readonly storedRenders: StoredRender[];
}

/**
 * Leases of RUNNING CHART_EXPORT steps in `chart_export_leases/{runId}__{stepId}` (DECISIONS D6), a
 * worker-owned collection so the flow_run's step objects stay schema-valid. Every read-modify-write is an
 * update-time-precondition loop.
 */
export class FirestoreStepLeaseStore implements StepLeaseStore {
  constructor(private readonly db: Firestore) {}

  async acquire(runId: string, stepId: string, owner: string, now: Date, ttlMs: number): Promise<LeaseAcquisition> {
    const ref = this.ref(runId, stepId);
    return retryOnConflict({ ...RETRY, what: `acquiring the lease of step ${stepId} of run ${runId}` }, async () => {
      const snapshot = await ref.get();
      const result = acquireLease(snapshot.exists ? toLease(snapshot) : undefined, { runId, stepId, owner, now, ttlMs });
      if (result.type === 'held') return result;
      if (!snapshot.exists) await ref.create(toDocument(result.lease));
      else await ref.update({ ...toDocument(result.lease) }, { lastUpdateTime: snapshot.updateTime });
      return result;
    });
  }

  async get(runId: string, stepId: string): Promise<StepLease | undefined> {
    const snapshot = await this.ref(runId, stepId).get();
    return snapshot.exists ? toLease(snapshot) : undefined;
  }

  async recordRender(runId: string, stepId: string, render: StoredRender): Promise<void> {
    const ref = this.ref(runId, stepId);
    await retryOnConflict({ ...RETRY, what: `recording a render on the lease of step ${stepId}` }, async () => {
      const snapshot = await this.require(ref, runId, stepId);
      const stored = toLease(snapshot).storedRenders;
      const same = stored.find((entry) => entry.chartTemplateId === render.chartTemplateId);
      if (same !== undefined && sameRender(same, render)) return;
      const storedRenders = [...stored.filter((entry) => entry !== same), { ...render }];
      await ref.update({ storedRenders }, { lastUpdateTime: snapshot.updateTime });
    });
  }

  async renew(runId: string, stepId: string, owner: string, expiresAt: Date): Promise<void> {
    const ref = this.ref(runId, stepId);
    await retryOnConflict({ ...RETRY, what: `renewing the lease of step ${stepId} of run ${runId}` }, async () => {
      const snapshot = await this.require(ref, runId, stepId);
      const holder: unknown = snapshot.get('owner');
      if (holder !== owner) {
        throw new StepLeaseError(
          'owned-by-other',
          runId,
          stepId,
          `lease of step ${stepId} of run ${runId} is owned by ${String(holder)}, not ${owner}: cannot renew`,
        );
      }
      await ref.update({ expiresAt: Timestamp.fromDate(expiresAt) }, { lastUpdateTime: snapshot.updateTime });
    });
  }

  async listExpired(now: Date, limit: number): Promise<readonly StepLease[]> {
    if (limit <= 0) return [];
    const query = this.db
      .collection(LEASES_COLLECTION)
      .where('expiresAt', '<', Timestamp.fromDate(now))
      .orderBy('expiresAt')
      .limit(limit);
    const result = await query.get();
    return result.docs.map(toLease);
  }

  async close(runId: string, stepId: string): Promise<void> {
    await this.ref(runId, stepId).delete();
  }

  private ref(runId: string, stepId: string): DocumentReference {
    return this.db.collection(LEASES_COLLECTION).doc(leaseDocumentId(runId, stepId));
  }

  private async require(ref: DocumentReference, runId: string, stepId: string): Promise<DocumentSnapshot> {
    const snapshot = await ref.get();
    if (!snapshot.exists) {
      throw new StepLeaseError('not-found', runId, stepId, `no lease for step ${stepId} of run ${runId}`);
    }
    return snapshot;
  }
}

function toDocument(lease: StepLease): LeaseDocument {
  return {
    runId: lease.runId,
    stepId: lease.stepId,
    owner: lease.owner,
    attempt: lease.attempt,
    claimedAt: Timestamp.fromDate(lease.claimedAt),
    expiresAt: Timestamp.fromDate(lease.expiresAt),
    storedRenders: lease.storedRenders.map((render) => ({ ...render })),
  };
}

function toLease(snapshot: DocumentSnapshot): StepLease {
  const data = snapshot.data() as LeaseDocument;
  return {
    runId: data.runId,
    stepId: data.stepId,
    owner: data.owner,
    attempt: data.attempt,
    claimedAt: data.claimedAt.toDate(),
    expiresAt: data.expiresAt.toDate(),
    storedRenders: (data.storedRenders ?? []).map((render) => ({
      chartTemplateId: render.chartTemplateId,
      objectPath: render.objectPath,
      generatedAt: render.generatedAt,
      kind: render.kind,
    })),
  };
}

function sameRender(a: StoredRender, b: StoredRender): boolean {
  return a.objectPath === b.objectPath && a.generatedAt === b.generatedAt && a.kind === b.kind;
}
