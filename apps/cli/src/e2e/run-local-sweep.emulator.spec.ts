import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, expect, it, jest } from '@jest/globals';
import { FsBlobStore } from '@worker-chart-export/adapter-local';
import { validateFlowRun } from '@worker-chart-export/domain';
import { FakeClock } from '@worker-chart-export/domain/testing';
import { emulatorEnv, firestoreAdapters, firestoreTesting, seedTemplates } from './firestore-cli-env.js';
import { CHART_STEP_ID, TEST_RUN_ID, aFlowRun, writeTestFile } from './flow-run-files.js';
import { compactUtc, readValidManifest } from './manifest-checks.js';
import { dyingWorker, lastJsonLine, REPO_ROOT, spawnCli, TempDirs } from '@worker-chart-export/testing';

const { FLOW_RUNS_COLLECTION, FirestoreFlowRunStore, FirestoreStepLeaseStore, FirestoreTemplateRepo, LEASES_COLLECTION, syncTemplates } = firestoreAdapters;
const { describeWithFirestoreEmulator, useEmulatorFirestore } = firestoreTesting;

// Each case spawns the real CLI (seconds of start-up with the Firestore SDK).
jest.setTimeout(120_000);

const FIXTURES_DIR = join(REPO_ROOT, 'fixtures/chart-api/chart-img/advanced-chart-v2');
const MANIFEST_URI = `gs://charts-local/charts/${TEST_RUN_ID}/${CHART_STEP_ID}/manifest.json`;
/** The dying worker's lease: short, so the sweep finds it expired soon after. */
const LEASE_TTL_MS = 2_000;

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());
const storage = () => dirs.make('cli-firestore-run');

describeWithFirestoreEmulator('run-local and sweep on a flow_run in the Firestore emulator', () => {
  const firestore = useEmulatorFirestore('cli-run-sweep');

  async function stepInFirestore(): Promise<Record<string, unknown>> {
    const snapshot = await firestore.db().collection(FLOW_RUNS_COLLECTION).doc(TEST_RUN_ID).get();
    const checked = validateFlowRun(snapshot.data());
    if (!checked.ok) throw new Error('the flow_run in Firestore is not schema-valid');
    return checked.value.steps[CHART_STEP_ID] as unknown as Record<string, unknown>;
  }

  async function leaseCount(): Promise<number> {
    return (await firestore.db().collection(LEASES_COLLECTION).get()).size;
  }

  it('runs the READY step of flow_runs/{runId} with templates and account usage from Firestore', async () => {
    const db = firestore.db();
    await db.collection(FLOW_RUNS_COLLECTION).doc(TEST_RUN_ID).set(aFlowRun());
    await syncTemplates({ db, templates: await seedTemplates(), dryRun: false, prune: false });
    const out = await storage();
    const accounts = await writeTestFile(out, 'accounts.json', [{ id: 'acc-1', apiKey: 'sk-run-local-firestore-0123' }]);

    const run = await spawnCli(
      [
        'run-local',
        '--flow-run-source',
        'firestore',
        '--run-id',
        TEST_RUN_ID,
        '--templates-source',
        'firestore',
        '--account-usage',
        'firestore',
        // Templates come from Firestore: a directory that does not exist proves it.
        '--templates-dir',
        join(out, 'no-templates-here'),
        '--accounts-config-path',
        accounts,
        '--storage-dir',
        out,
        '--output-summary',
        'json',
      ],
      emulatorEnv(firestore.projectId),
    );

    expect(run.code).toBe(0);
    expect(run.plainStderrLines).toEqual([]);
    expect(lastJsonLine(run.stdout)).toMatchObject({
      status: 'SUCCEEDED',
      runId: TEST_RUN_ID,
      stepId: CHART_STEP_ID,
      itemsCount: 1,
      outputsManifestGcsUri: MANIFEST_URI,
    });
    expect(run.logEntries[0]).toMatchObject({
      event: 'cli.run_local.started',
      flowRunDocument: `flow_runs/${TEST_RUN_ID}`,
      sources: { flowRun: 'firestore', templates: 'firestore', accountUsage: 'firestore' },
    });
    expect(await stepInFirestore()).toMatchObject({ status: 'SUCCEEDED', finishedAt: expect.any(String), outputs: { outputsManifestGcsUri: MANIFEST_URI } });
    expect(await leaseCount()).toBe(0);
    expect((await readValidManifest(out, MANIFEST_URI)).items.map((item) => item.chartTemplateId)).toEqual(['ctpl_price_ma1226_vol_v1']);
  });

  it('sweep re-drives a RUNNING step whose worker died before finalize, reusing the PNG it stored', async () => {
    const db = firestore.db();
    await db.collection(FLOW_RUNS_COLLECTION).doc(TEST_RUN_ID).set(aFlowRun());
    await syncTemplates({ db, templates: await seedTemplates(), dryRun: false, prune: false });
    const out = await storage();

    // A worker (its clock two hours back, for the PNG's name) claims the step on a short lease, stores the PNG,
    // records it in the lease, and dies before finalize; the lease expires by the database's clock.
    const clock = new FakeClock(new Date(Date.now() - 2 * 60 * 60 * 1000));
    const worker = dyingWorker(
      {
        flowRuns: new FirestoreFlowRunStore(db),
        templates: new FirestoreTemplateRepo(db),
        blobs: new FsBlobStore(out),
        leases: new FirestoreStepLeaseStore(db),
        clock,
      },
      { bucket: 'charts-local', leaseTtlMs: LEASE_TTL_MS, fixturesDir: FIXTURES_DIR },
    );
    await expect(worker.execute({ runId: TEST_RUN_ID })).rejects.toThrow('worker killed before finalize');
    await setTimeout(LEASE_TTL_MS + 500);
    expect(await stepInFirestore()).toMatchObject({ status: 'RUNNING' });
    const stepDir = join(out, 'charts-local', 'charts', TEST_RUN_ID, CHART_STEP_ID);
    const firstPng = `${compactUtc(clock.now().toISOString())}_BTCUSDT_1h_ctpl_price_ma1226_vol_v1.png`;
    expect(await readdir(stepDir)).toContain(firstPng);

    const sweep = await spawnCli(['sweep', '--storage-dir', out], emulatorEnv(firestore.projectId));

    expect(sweep.code).toBe(0);
    expect(sweep.plainStderrLines).toEqual([]);
    expect(lastJsonLine(sweep.stdout)).toEqual({
      examined: 1,
      actions: [{ runId: TEST_RUN_ID, stepId: CHART_STEP_ID, action: 'redriven', detail: 'SUCCEEDED' }],
    });
    expect(await stepInFirestore()).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: MANIFEST_URI } });
    expect(await leaseCount()).toBe(0);
    const manifest = await readValidManifest(out, MANIFEST_URI);
    expect(manifest.items.map((item) => item.png_gcs_uri)).toEqual([`gs://charts-local/charts/${TEST_RUN_ID}/${CHART_STEP_ID}/${firstPng}`]);
    expect((await readdir(stepDir)).sort()).toEqual([firstPng, 'manifest.json'].sort());
  });
});
