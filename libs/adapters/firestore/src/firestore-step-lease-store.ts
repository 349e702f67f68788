import { Timestamp, type DocumentReference, type DocumentSnapshot, type Firestore } from '@google-cloud/firestore';
import {
  acquireLease,
  withRenders,
  type ChartExportUsage,
  type LeaseAcquisition,
  type LeaseFence,
  type LeaseRecord,
  type LeaseWrite,
  type StepLease,
  type StepLeaseStore,
  type StoredRender,
} from '@worker-chart-export/domain';
import { leaseDocumentId } from './lease-document-id.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';

export const LEASES_COLLECTION = 'chart_export_leases';

const RETRY: Omit<ConflictRetryOptions, 'what'> = { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 200 };

/** The stored shape; times are Firestore timestamps so `expiresAt` range queries (and a TTL policy) work. */
interface LeaseDocument {
  readonly runId: string;
  readonly stepId: string;
  readonly owner: string;
  readonly attempt: number;
  readonly claimedAt: Timestamp;
  readonly firstClaimedAt?: Timestamp;
  readonly expiresAt: Timestamp;
  readonly storedRenders: StoredRender[];
  readonly usageByAttempt?: Record<string, ChartExportUsage>;
}

/**
 * Leases of RUNNING CHART_EXPORT steps in `chart_export_leases/{runId}__{stepId}`, a worker-owned collection so
 * the flow_run's step objects stay schema-valid. Expiry is judged by the database's clock: "now" is the read
 * time of the snapshot each decision is made on, so workers whose clocks drift still agree on who holds a
 * lease. Every read-modify-write is an update-time-precondition loop; fenced operations change the lease only
 * while its owner and attempt are the caller's.
 */
export class FirestoreStepLeaseStore implements StepLeaseStore {
  constructor(private readonly db: Firestore) {}

  async acquire(runId: string, stepId: string, owner: string, ttlMs: number): Promise<LeaseAcquisition> {
    const ref = this.ref(runId, stepId);
    return retryOnConflict({ ...RETRY, what: `acquiring the lease of step ${stepId} of run ${runId}` }, async () => {
      const snapshot = await ref.get();
      const now = snapshot.readTime.toDate();
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

  record(runId: string, stepId: string, fence: LeaseFence, record: LeaseRecord): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, 'noting renders in', (ref, snapshot, lease) =>
      ref.update(
        {
          storedRenders: withRenders(lease.storedRenders, record.renders ?? []),
          ...(record.usage === undefined ? {} : { usageByAttempt: { ...lease.usageByAttempt, [String(fence.attempt)]: record.usage } }),
        },
        { lastUpdateTime: snapshot.updateTime },
      ),
    );
  }

  renew(runId: string, stepId: string, fence: LeaseFence, ttlMs: number): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, 'renewing', (ref, snapshot) =>
      ref.update({ expiresAt: Timestamp.fromMillis(snapshot.readTime.toMillis() + ttlMs) }, { lastUpdateTime: snapshot.updateTime }),
    );
  }

  release(runId: string, stepId: string, fence: LeaseFence): Promise<LeaseWrite> {
    return this.fenced(runId, stepId, fence, 'releasing', (ref, snapshot) => ref.delete({ lastUpdateTime: snapshot.updateTime }));
  }

  async listExpired(limit: number): Promise<readonly StepLease[]> {
    if (limit <= 0) return [];
    // Oldest expiry first: the expired leases are a prefix of this page, judged by the query's read time.
    const result = await this.db.collection(LEASES_COLLECTION).orderBy('expiresAt').limit(limit).get();
    const now = result.readTime.toMillis();
    return result.docs.filter((doc) => (doc.get('expiresAt') as Timestamp).toMillis() < now).map(toLease);
  }

  async close(runId: string, stepId: string): Promise<void> {
    await this.ref(runId, stepId).delete();
  }

  private fenced(
    runId: string,
    stepId: string,
    fence: LeaseFence,
    what: string,
    write: (ref: DocumentReference, snapshot: DocumentSnapshot, lease: StepLease) => Promise<unknown>,
  ): Promise<LeaseWrite> {
    const ref = this.ref(runId, stepId);
    return retryOnConflict({ ...RETRY, what: `${what} the lease of step ${stepId} of run ${runId}` }, async () => {
      const snapshot = await ref.get();
      const lease = heldLease(snapshot, fence);
      if (lease === undefined) return { type: 'lost' } as const;
      await write(ref, snapshot, lease);
      return { type: 'written' } as const;
    });
  }

  private ref(runId: string, stepId: string): DocumentReference {
    return leaseRef(this.db, runId, stepId);
  }
}

/** The document of a step's lease; also where the flow_run store's fenced finalize reads it. */
export function leaseRef(db: Firestore, runId: string, stepId: string): DocumentReference {
  return db.collection(LEASES_COLLECTION).doc(leaseDocumentId(runId, stepId));
}

/** The lease in `snapshot` while the fenced execution still holds it: undefined once it is gone or taken over. */
export function heldLease(snapshot: DocumentSnapshot | undefined, fence: LeaseFence): StepLease | undefined {
  if (snapshot?.exists !== true) return undefined;
  const lease = toLease(snapshot);
  return lease.owner === fence.owner && lease.attempt === fence.attempt ? lease : undefined;
}

function toDocument(lease: StepLease): LeaseDocument {
  return {
    runId: lease.runId,
    stepId: lease.stepId,
    owner: lease.owner,
    attempt: lease.attempt,
    claimedAt: Timestamp.fromDate(lease.claimedAt),
    ...(lease.firstClaimedAt === undefined ? {} : { firstClaimedAt: Timestamp.fromDate(lease.firstClaimedAt) }),
    expiresAt: Timestamp.fromDate(lease.expiresAt),
    storedRenders: lease.storedRenders.map((render) => ({ ...render })),
    usageByAttempt: structuredClone(lease.usageByAttempt),
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
    ...(data.firstClaimedAt === undefined ? {} : { firstClaimedAt: data.firstClaimedAt.toDate() }),
    expiresAt: data.expiresAt.toDate(),
    storedRenders: (data.storedRenders ?? []).map((render) => ({
      chartTemplateId: render.chartTemplateId,
      objectPath: render.objectPath,
      generatedAt: render.generatedAt,
      kind: render.kind,
    })),
    usageByAttempt: structuredClone(data.usageByAttempt ?? {}),
  };
}
