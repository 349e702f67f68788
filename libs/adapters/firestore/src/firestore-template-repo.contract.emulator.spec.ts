import { describeTemplateRepoContract } from '@worker-chart-export/domain/testing';
import { clearEmulatorProject, describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreTemplateRepo, TEMPLATES_COLLECTION } from './firestore-template-repo.js';

describeWithFirestoreEmulator('FirestoreTemplateRepo on the emulator', () => {
  const emulator = useEmulatorFirestore('template-repo-contract');

  // No spoil: a Firestore document is always a readable map.
  describeTemplateRepoContract('FirestoreTemplateRepo', async (templates) => {
    await clearEmulatorProject(process.env['FIRESTORE_EMULATOR_HOST'] as string, emulator.projectId);
    const db = emulator.db();
    for (const [id, data] of Object.entries(templates)) await db.collection(TEMPLATES_COLLECTION).doc(id).set(data);
    return { repo: new FirestoreTemplateRepo(db) };
  });
});
