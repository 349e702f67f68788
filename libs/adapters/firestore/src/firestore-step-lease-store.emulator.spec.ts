import { expect, it } from '@jest/globals';
import { Timestamp } from '@google-cloud/firestore';
import { describeStepLeaseStoreContract, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { clearEmulatorProject, describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreStepLeaseStore, LEASES_COLLECTION } from './firestore-step-lease-store.js';
import { leaseDocumentId } from './lease-document-id.js';

const TTL = 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeWithFirestoreEmulator('FirestoreStepLeaseStore', () => {
  const emulator = useEmulatorFirestore('step-lease-store');
  const store = () => new FirestoreStepLeaseStore(emulator.db());

  describeStepLeaseStoreContract('FirestoreStepLeaseStore', async () => {
    await clearEmulatorProject(process.env['FIRESTORE_EMULATOR_HOST'] as string, emulator.projectId);
    // The database's clock runs on its own: letting time pass is waiting for it.
    return { store: store(), pass: sleep };
  });

  it('lets exactly one of 10 concurrent workers take a lease', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store().acquire(RUN_ID, STEP_ID, `worker-${i}`, TTL)));
    const winners = results.filter((r) => r.type === 'acquired');
    expect(winners).toHaveLength(1);
    await expect(store().acquire(RUN_ID, STEP_ID, 'late-worker', TTL)).resolves.toMatchObject({ type: 'held', lease: { owner: winners[0]?.lease.owner } });
  });

  it('stores the lease under chart_export_leases/{lease document id}', async () => {
    await store().acquire(RUN_ID, STEP_ID, 'worker-a', TTL);
    const snapshot = await emulator.db().collection(LEASES_COLLECTION).doc(leaseDocumentId(RUN_ID, STEP_ID)).get();
    expect(snapshot.get('owner')).toBe('worker-a');
  });

  it("judges expiry by the database's clock, not by the caller's: its read time decides, and the expiry it writes is read time + ttl", async () => {
    const db = emulator.db();
    const ref = db.collection(LEASES_COLLECTION).doc(leaseDocumentId(RUN_ID, STEP_ID));
    const dbNow = (await ref.get()).readTime.toMillis();
    const lease = (expiresAt: number, stepId = STEP_ID) => ({
      runId: RUN_ID,
      stepId,
      owner: 'worker-a',
      attempt: 1,
      claimedAt: Timestamp.fromMillis(dbNow - 10_000),
      expiresAt: Timestamp.fromMillis(expiresAt),
      storedRenders: [],
    });
    await ref.set(lease(dbNow + 30_000));
    await db
      .collection(LEASES_COLLECTION)
      .doc(leaseDocumentId(RUN_ID, 'expired-step'))
      .set(lease(dbNow - 1_000, 'expired-step'));

    await expect(store().acquire(RUN_ID, STEP_ID, 'worker-b', TTL)).resolves.toMatchObject({ type: 'held' });
    expect((await store().listExpired(10)).map((l) => l.stepId)).toEqual(['expired-step']);
    const taken = await store().acquire(RUN_ID, 'expired-step', 'worker-b', TTL);
    expect(taken).toMatchObject({ type: 'acquired', lease: { owner: 'worker-b', attempt: 2 } });
    const written = await db.collection(LEASES_COLLECTION).doc(leaseDocumentId(RUN_ID, 'expired-step')).get();
    const expiresAt = (written.get('expiresAt') as Timestamp).toMillis();
    const claimedAt = (written.get('claimedAt') as Timestamp).toMillis();
    expect(expiresAt - claimedAt).toBe(TTL);
    expect(claimedAt).toBeGreaterThanOrEqual(dbNow);
  });
});
