import { createSecretRedactor, RedactingFlowRunStore } from '@worker-chart-export/domain';
import { describeFlowRunStoreContract, type FlowRunStoreFactory } from '@worker-chart-export/domain/testing';
import { clearEmulatorProject, describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreFlowRunStore, FLOW_RUNS_COLLECTION } from './firestore-flow-run-store.js';
import { FirestoreStepLeaseStore } from './firestore-step-lease-store.js';

describeWithFirestoreEmulator('FirestoreFlowRunStore on the emulator', () => {
  const emulator = useEmulatorFirestore('flow-run-store-contract');

  const seeded = async (document: Record<string, unknown>) => {
    // The contract wants every store to start from its one document and no leases.
    await clearEmulatorProject(process.env['FIRESTORE_EMULATOR_HOST'] as string, emulator.projectId);
    await emulator.db().collection(FLOW_RUNS_COLLECTION).doc(String(document['runId'])).set(document);
    return { store: new FirestoreFlowRunStore(emulator.db()), leases: new FirestoreStepLeaseStore(emulator.db()) };
  };
  const redacting: FlowRunStoreFactory = async (document) => {
    const { store, leases } = await seeded(document);
    return { store: new RedactingFlowRunStore(store, createSecretRedactor(['contract-secret-key'])), leases };
  };

  describeFlowRunStoreContract('FirestoreFlowRunStore', seeded);
  describeFlowRunStoreContract('RedactingFlowRunStore over FirestoreFlowRunStore', redacting);
});
