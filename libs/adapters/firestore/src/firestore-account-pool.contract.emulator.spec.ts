import { describeAccountPoolContract } from '@worker-chart-export/domain/testing';
import { clearEmulatorProject, describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreAccountPool } from './firestore-account-pool.js';

describeWithFirestoreEmulator('FirestoreAccountPool on the emulator', () => {
  const emulator = useEmulatorFirestore('account-pool-contract');

  describeAccountPoolContract('FirestoreAccountPool', async (accounts, clock) => {
    // The contract wants every pool to start from empty state.
    await clearEmulatorProject(process.env['FIRESTORE_EMULATOR_HOST'] as string, emulator.projectId);
    return { pool: new FirestoreAccountPool(emulator.db(), accounts, clock) };
  });
});
