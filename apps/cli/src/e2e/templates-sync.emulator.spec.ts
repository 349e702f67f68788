import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { emulatorEnv, firestoreAdapters, firestoreTesting, seedTemplates } from './firestore-cli-env.js';
import { SEED_TEMPLATE_IDS } from '@worker-chart-export/domain/testing';
import { type CliRun, lastJsonLine, REPO_ROOT, spawnCli, TempDirs } from '@worker-chart-export/testing';

const { syncTemplates, TEMPLATES_COLLECTION } = firestoreAdapters;
const { describeWithFirestoreEmulator, useEmulatorFirestore } = firestoreTesting;

// Each step spawns the real CLI (seconds of start-up with the Firestore SDK).
jest.setTimeout(120_000);

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

/** A copy of the repo's `chart-templates/` (JSON files only) in a temporary directory. */
async function templatesCopy(): Promise<string> {
  const dir = await dirs.make('cli-templates');
  await cp(join(REPO_ROOT, 'chart-templates'), dir, { recursive: true, filter: (source) => !source.endsWith('.md') });
  return dir;
}

/** Document id -> [data, update time] of the whole collection. */
async function collection(db: Firestore): Promise<Map<string, { data: unknown; updated: string }>> {
  const snapshot = await db.collection(TEMPLATES_COLLECTION).get();
  return new Map(snapshot.docs.map((doc) => [doc.id, { data: doc.data(), updated: doc.updateTime.toDate().toISOString() }]));
}

describeWithFirestoreEmulator('templates sync against the Firestore emulator', () => {
  const firestore = useEmulatorFirestore('cli-templates-sync');
  const sync = (args: string[]): Promise<CliRun> => spawnCli(['templates', 'sync', ...args], emulatorEnv(firestore.projectId));

  it('reports a dry run without writing, applies, re-applies without a write, and deletes a removed template only with --prune', async () => {
    const db = firestore.db();
    const dryRun = await sync(['--dry-run', '--output', 'json']);
    expect(dryRun.code).toBe(0);
    expect(lastJsonLine(dryRun.stdout)).toMatchObject({ dryRun: true, created: SEED_TEMPLATE_IDS, updated: [], unchanged: [], deleted: [], wouldDelete: [] });
    expect((await collection(db)).size).toBe(0);

    const apply = await sync([]);
    expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: '' });
    expect(apply.stdout).toMatch(
      /^templates sync: chart-templates -> chart_templates in projects\/demo-cli-templates-sync\/databases\/\(default\) \(emulator /,
    );
    expect(apply.stdout).toContain('  created  ctpl_price_psar_adi_v1\n');
    expect(apply.stdout.trimEnd().split('\n').at(-1)).toBe('5 created, 0 updated, 0 unchanged, 0 deleted');
    const applied = await collection(db);
    expect(Object.fromEntries([...applied].map(([id, doc]) => [id, doc.data]))).toEqual(
      Object.fromEntries((await seedTemplates()).map((template) => [template.id, template.data])),
    );

    const again = await sync(['--output', 'json']);
    expect(again.code).toBe(0);
    expect(lastJsonLine(again.stdout)).toMatchObject({ created: [], updated: [], unchanged: SEED_TEMPLATE_IDS, deleted: [], wouldDelete: [] });
    expect(await collection(db)).toEqual(applied);

    const edited = await templatesCopy();
    await rm(join(edited, 'ctpl_price_vpvr_obv_v1.json'));
    const psarPath = join(edited, 'ctpl_price_psar_adi_v1.json');
    const psar = JSON.parse(await readFile(psarPath, 'utf8')) as Record<string, unknown>;
    await writeFile(psarPath, JSON.stringify({ ...psar, description: 'Price with Parabolic SAR and ADI (edited)' }));

    const keep = await sync(['--templates-dir', edited, '--output', 'json']);
    expect(keep.code).toBe(0);
    expect(lastJsonLine(keep.stdout)).toMatchObject({
      prune: false,
      created: [],
      updated: ['ctpl_price_psar_adi_v1'],
      deleted: [],
      wouldDelete: ['ctpl_price_vpvr_obv_v1'],
    });
    const kept = await collection(db);
    expect(kept.has('ctpl_price_vpvr_obv_v1')).toBe(true);
    expect(kept.get('ctpl_price_psar_adi_v1')?.data).toMatchObject({ description: 'Price with Parabolic SAR and ADI (edited)' });

    const prune = await sync(['--templates-dir', edited, '--prune']);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain('  deleted    ctpl_price_vpvr_obv_v1\n');
    expect([...(await collection(db)).keys()].sort()).toEqual(SEED_TEMPLATE_IDS.filter((id) => id !== 'ctpl_price_vpvr_obv_v1'));
  });

  it('exits 2 naming the invalid file and field, and writes nothing, not even the valid templates or a prune', async () => {
    const db = firestore.db();
    await syncTemplates({ db, templates: await seedTemplates(), dryRun: false, prune: false });
    const before = await collection(db);
    const dir = await templatesCopy();
    await rm(join(dir, 'ctpl_price_ma1226_vol_v1.json'));
    const badPath = join(dir, 'ctpl_price_psar_adi_v1.json');
    const bad = JSON.parse(await readFile(badPath, 'utf8')) as { request: Record<string, unknown> };
    await writeFile(badPath, JSON.stringify({ ...bad, description: 'changed', request: { ...bad.request, format: 'jpeg' } }));

    const run = await sync(['--templates-dir', dir, '--prune']);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^error: 1 of 4 templates in .* are invalid, nothing written: .*ctpl_price_psar_adi_v1\.json: .*request\.format "jpeg"/),
    ]);
    expect(await collection(db)).toEqual(before);
  });
});
