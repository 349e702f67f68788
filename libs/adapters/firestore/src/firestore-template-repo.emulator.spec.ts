import { expect, it } from '@jest/globals';
import { aTemplate } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreTemplateRepo } from './firestore-template-repo.js';

describeWithFirestoreEmulator('FirestoreTemplateRepo', () => {
  const emulator = useEmulatorFirestore('template-repo');
  const repo = () => new FirestoreTemplateRepo(emulator.db());

  it('returns the raw document with its Firestore path as the source', async () => {
    const data = aTemplate('ctpl_price_v1');
    await emulator.db().collection('chart_templates').doc('ctpl_price_v1').set(data);

    await expect(repo().get('ctpl_price_v1')).resolves.toEqual({
      id: 'ctpl_price_v1',
      source: 'chart_templates/ctpl_price_v1',
      data,
    });
  });

  it('finds nothing for an absent id or one that cannot be a document id', async () => {
    await expect(repo().get('ctpl_missing_v1')).resolves.toBeUndefined();
    await expect(repo().get('a/b')).resolves.toBeUndefined();
    await expect(repo().get('..')).resolves.toBeUndefined();
    await expect(repo().get('')).resolves.toBeUndefined();
  });
});
