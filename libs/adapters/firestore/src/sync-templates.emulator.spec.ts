import { expect, it } from '@jest/globals';
import { aTemplate } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { syncTemplates } from './sync-templates.js';

const entry = (id: string, overrides: Record<string, unknown> = {}) => ({ id, data: aTemplate(id, overrides) });
/** The diff of `templates` below against the seeded collection. */
const SEEDED_DIFF = { created: ['ctpl_new_v1'], updated: ['ctpl_changed_v1'], unchanged: ['ctpl_same_v1'], deleted: [], wouldDelete: ['ctpl_stale_v1'] };

describeWithFirestoreEmulator('syncTemplates', () => {
  const emulator = useEmulatorFirestore('sync-templates');
  const collection = () => emulator.db().collection('chart_templates');

  async function storedIds(): Promise<string[]> {
    return (await collection().get()).docs.map((doc) => doc.id).sort();
  }

  const updateTimes = async () => (await collection().get()).docs.map((doc) => doc.updateTime.valueOf());

  async function seed(): Promise<void> {
    await collection().doc('ctpl_same_v1').set(aTemplate('ctpl_same_v1'));
    await collection().doc('ctpl_changed_v1').set(aTemplate('ctpl_changed_v1'));
    await collection().doc('ctpl_stale_v1').set(aTemplate('ctpl_stale_v1'));
  }
  const templates = [entry('ctpl_new_v1'), entry('ctpl_same_v1'), entry('ctpl_changed_v1', { description: 'changed' })];

  it('creates, updates and keeps templates, leaving stale documents without prune', async () => {
    await seed();

    const report = await syncTemplates({ db: emulator.db(), templates, dryRun: false, prune: false });

    expect(report).toEqual(SEEDED_DIFF);
    expect((await collection().doc('ctpl_changed_v1').get()).data()).toEqual(aTemplate('ctpl_changed_v1', { description: 'changed' }));
    expect(await storedIds()).toEqual(['ctpl_changed_v1', 'ctpl_new_v1', 'ctpl_same_v1', 'ctpl_stale_v1']);
  });

  it('writes nothing in a dry run but reports the same diff', async () => {
    await seed();
    const before = await updateTimes();

    const report = await syncTemplates({ db: emulator.db(), templates, dryRun: true, prune: true });

    expect(report).toEqual(SEEDED_DIFF);
    expect(await updateTimes()).toEqual(before);
  });

  it('deletes documents no longer in the repo with prune', async () => {
    await seed();

    const report = await syncTemplates({ db: emulator.db(), templates, dryRun: false, prune: true });

    expect(report.deleted).toEqual(['ctpl_stale_v1']);
    expect(report.wouldDelete).toEqual([]);
    expect(await storedIds()).toEqual(['ctpl_changed_v1', 'ctpl_new_v1', 'ctpl_same_v1']);
  });

  it('is idempotent: a second apply changes nothing', async () => {
    await seed();
    await syncTemplates({ db: emulator.db(), templates, dryRun: false, prune: true });
    const before = await updateTimes();

    const reordered = templates.map(({ id, data }) => ({ id, data: Object.fromEntries(Object.entries(data).reverse()) }));
    const second = await syncTemplates({ db: emulator.db(), templates: reordered, dryRun: false, prune: true });

    expect(second).toEqual({
      created: [],
      updated: [],
      unchanged: ['ctpl_changed_v1', 'ctpl_new_v1', 'ctpl_same_v1'],
      deleted: [],
      wouldDelete: [],
    });
    expect(await updateTimes()).toEqual(before);
  });

  it('refuses duplicate ids and ids that cannot be document ids, writing nothing', async () => {
    await expect(syncTemplates({ db: emulator.db(), templates: [entry('ctpl_a_v1'), entry('ctpl_a_v1')], dryRun: false, prune: false })).rejects.toThrow(
      'template id "ctpl_a_v1" appears more than once',
    );
    await expect(syncTemplates({ db: emulator.db(), templates: [entry('ctpl_a_v1'), entry('a/b')], dryRun: false, prune: false })).rejects.toThrow(
      'template id "a/b" cannot be a Firestore document id',
    );
    expect(await storedIds()).toEqual([]);
  });
});
