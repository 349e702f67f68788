import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { leaseDocumentId, LEASES_COLLECTION } from '@worker-chart-export/adapter-firestore';
import type { ChartStep } from './chart-step.js';

/**
 * Moves the step's lease expiry into the past by the database's clock, which is what judges leases: what
 * the TTL passing would do, without waiting for it. Resolves with whether there was a lease.
 */
export async function expireLease(db: Firestore, step: ChartStep): Promise<boolean> {
  const ref = db.collection(LEASES_COLLECTION).doc(leaseDocumentId(step.runId, step.stepId));
  const snapshot = await ref.get();
  if (!snapshot.exists) return false;
  await ref.update({ expiresAt: Timestamp.fromMillis(snapshot.readTime.toMillis() - 1_000) });
  return true;
}
