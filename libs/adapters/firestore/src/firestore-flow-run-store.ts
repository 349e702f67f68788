import { FieldPath, FieldValue, type DocumentReference, type DocumentSnapshot, type Firestore, type Transaction } from '@google-cloud/firestore';
import {
  STEP_STATUSES,
  toRfc3339Utc,
  type ClaimResult,
  type FinalizeResult,
  type FlowRunStore,
  type LeaseFence,
  type StepFinalization,
  type StepStatus,
} from '@worker-chart-export/domain';
import { isDocumentId } from './document-id.js';
import { heldLease, leaseRef } from './firestore-step-lease-store.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';

export const FLOW_RUNS_COLLECTION = 'flow_runs';

const RETRY: Omit<ConflictRetryOptions, 'what'> = { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 250 };

/**
 * `flow_runs/{runId}`. Claim and finalize read the document, check the step's status and
 * write with an update-time precondition, so exactly one of many concurrent workers moves a step; only the
 * step's own fields and `updatedAt` are written (field paths, since step ids contain `:`), timestamps as
 * RFC 3339 strings so the document stays valid against the flow_run schema.
 */
export class FirestoreFlowRunStore implements FlowRunStore {
  constructor(private readonly db: Firestore) {}

  async load(runId: string): Promise<unknown> {
    if (!isDocumentId(runId)) return undefined;
    const snapshot = await this.db.collection(FLOW_RUNS_COLLECTION).doc(runId).get();
    return snapshot.exists ? snapshot.data() : undefined;
  }

  async claim(runId: string, stepId: string, at: Date): Promise<ClaimResult> {
    if (!isDocumentId(runId)) return { type: 'not-ready', status: undefined };
    const ref = this.db.collection(FLOW_RUNS_COLLECTION).doc(runId);
    return retryOnConflict({ ...RETRY, what: `claiming step ${stepId} of flow run ${runId}` }, async () => {
      const snapshot = await ref.get();
      const status = stepStatus(snapshot, stepId);
      if (status !== 'READY') return { type: 'not-ready', status };
      await ref.update(new FieldPath('steps', stepId, 'status'), 'RUNNING', 'updatedAt', toRfc3339Utc(at), { lastUpdateTime: snapshot.updateTime });
      return { type: 'claimed' };
    });
  }

  async finalize(runId: string, stepId: string, result: StepFinalization, fence?: LeaseFence): Promise<FinalizeResult> {
    if (!isDocumentId(runId)) return { type: 'unchanged', status: undefined };
    const ref = this.db.collection(FLOW_RUNS_COLLECTION).doc(runId);
    if (fence !== undefined) return this.finalizeFenced(ref, stepId, result, fence);
    return retryOnConflict({ ...RETRY, what: `finalizing step ${stepId} of flow run ${runId}` }, async () => {
      const snapshot = await ref.get();
      const status = stepStatus(snapshot, stepId);
      if (status !== 'RUNNING') return { type: 'unchanged', status };
      await ref.update(...finalizeFields(stepId, result), { lastUpdateTime: snapshot.updateTime });
      return { type: 'written' };
    });
  }

  /**
   * One transaction over the flow_run and the step's lease: the step is written only while the lease is still
   * the finalizing execution's, so a worker that lost its lease (it was taken over after expiring) can never
   * overwrite the outcome of the execution that holds it now.
   */
  private finalizeFenced(ref: DocumentReference, stepId: string, result: StepFinalization, fence: LeaseFence): Promise<FinalizeResult> {
    const leaseDoc = leaseRef(this.db, ref.id, stepId);
    return this.db.runTransaction(async (tx: Transaction): Promise<FinalizeResult> => {
      const [snapshot, leaseSnapshot] = await tx.getAll(ref, leaseDoc);
      if (heldLease(leaseSnapshot, fence) === undefined) return { type: 'fenced' };
      const status = stepStatus(snapshot as DocumentSnapshot, stepId);
      if (status !== 'RUNNING') return { type: 'unchanged', status };
      tx.update(ref, ...finalizeFields(stepId, result));
      return { type: 'written' };
    });
  }
}

/** The step's own fields and `updatedAt`, as alternating field paths and values. */
function finalizeFields(stepId: string, result: StepFinalization): [FieldPath, unknown, ...unknown[]] {
  const finishedAt = toRfc3339Utc(result.finishedAt);
  return [
    new FieldPath('steps', stepId, 'status'),
    result.status,
    new FieldPath('steps', stepId, 'finishedAt'),
    finishedAt,
    // Key by key: outputs the step already had and the finalization does not set are kept.
    ...Object.entries(result.outputs)
      .filter(([, value]) => value !== undefined)
      .flatMap(([key, value]) => [new FieldPath('steps', stepId, 'outputs', key), value]),
    new FieldPath('steps', stepId, 'error'),
    result.error ?? FieldValue.delete(),
    'updatedAt',
    finishedAt,
  ];
}

/** The step's status when the document and step exist and the status is a known one. */
function stepStatus(snapshot: DocumentSnapshot, stepId: string): StepStatus | undefined {
  if (!snapshot.exists) return undefined;
  const status: unknown = snapshot.get(new FieldPath('steps', stepId, 'status'));
  return (STEP_STATUSES as readonly unknown[]).includes(status) ? (status as StepStatus) : undefined;
}
