// `run-local --storage gcs` and `sweep --storage gcs` as an operator runs them: the real CLI process on a
// flow_run in the Firestore emulator, PNGs and manifest through the real Cloud Storage client into the
// loopback fake of the GCS JSON API (STORAGE_EMULATOR_HOST), Chart-IMG from the fixtures (mock mode).
import { readdir } from 'node:fs/promises';
import { setTimeout } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it, jest } from '@jest/globals';
import { PNG } from 'pngjs';
import { FirestoreFlowRunStore, FirestoreStepLeaseStore, FirestoreTemplateRepo } from '@worker-chart-export/adapter-firestore';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from '@worker-chart-export/adapter-firestore/testing';
import { GcsBlobStore, createStorage } from '@worker-chart-export/adapter-gcs';
import { SystemClock } from '@worker-chart-export/adapter-local';
import { validateChartsOutputsManifest, type ChartsOutputsManifest } from '@worker-chart-export/domain';
import { startFakeGcs, type FakeGcs } from '@worker-chart-export/tools/fake-gcs/index.js';
import { readExampleFlowRun } from './support/example-flow-run.js';
import { seedFirestore } from './support/seed-firestore.js';
import { dyingWorker, jsonSummaryOf, REPO_ROOT, spawnCli, TempDirs } from '@worker-chart-export/testing';

// Each case spawns the real CLI (seconds of start-up with the Firestore and Storage SDKs).
jest.setTimeout(120_000);

const BUCKET = 'charts-e2e-gcs';
const FIXTURES_DIR = join(REPO_ROOT, 'fixtures/chart-api/chart-img/advanced-chart-v2');
/** The dying worker's lease: short, so the sweep finds it expired by any clock soon after. */
const LEASE_TTL_MS = 2_000;

describeWithFirestoreEmulator('run-local and sweep with --storage gcs (emulator, fake GCS, real Storage client)', () => {
  const firestore = useEmulatorFirestore('cli-storage-gcs');
  const dirs = new TempDirs();
  let gcs: FakeGcs;

  const { flowRun, stepId } = readExampleFlowRun();
  const runId = flowRun.runId;
  const templateIds = (flowRun.steps[stepId]?.inputs.requests ?? []).map((request) => request.chartTemplateId).sort();
  const stepPrefix = `charts/${runId}/${stepId}/`;
  const manifestUri = `gs://${BUCKET}/${stepPrefix}manifest.json`;

  beforeAll(async () => {
    gcs = await startFakeGcs();
  });
  beforeEach(() => {
    gcs.reset();
  });
  afterAll(async () => {
    await gcs.close();
    await dirs.removeAll();
  });

  function cliEnv(): Record<string, string> {
    return {
      FIRESTORE_EMULATOR_HOST: process.env['FIRESTORE_EMULATOR_HOST'] as string,
      GOOGLE_CLOUD_PROJECT: firestore.projectId,
      STORAGE_EMULATOR_HOST: gcs.url,
      METADATA_SERVER_DETECTION: 'none',
    };
  }

  async function stepInFirestore(): Promise<Record<string, unknown>> {
    const data = (await firestore.db().collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, Record<string, unknown>> };
    return data.steps[stepId] as Record<string, unknown>;
  }

  /** The step's manifest in the fake GCS, schema-checked, and every PNG it lists decoded in full. */
  function storedStep(): { manifest: ChartsOutputsManifest; pngNames: string[] } {
    const manifestObject = gcs.object(BUCKET, `${stepPrefix}manifest.json`);
    if (manifestObject === undefined) throw new Error(`no manifest at ${manifestUri}`);
    expect(manifestObject.contentType).toMatch(/^application\/json/);
    const checked = validateChartsOutputsManifest(JSON.parse(manifestObject.bytes.toString('utf8')));
    if (!checked.ok) throw new Error(`the manifest at ${manifestUri} is not schema-valid`);
    const pngNames = [...gcs.objects.values()]
      .filter((o) => o.bucket === BUCKET && o.name.startsWith(stepPrefix) && o.name.endsWith('.png'))
      .map((o) => o.name);
    for (const item of checked.value.items) {
      const name = item.png_gcs_uri.slice(`gs://${BUCKET}/`.length);
      const png = gcs.object(BUCKET, name);
      expect(png?.contentType).toBe('image/png');
      expect(PNG.sync.read(png?.bytes ?? Buffer.alloc(0)).width).toBeGreaterThan(0);
    }
    return { manifest: checked.value, pngNames: pngNames.sort() };
  }

  const uploadsOf = (suffix: string) => gcs.requests.filter((r) => r.kind === 'upload' && r.status === 200 && r.objectName?.endsWith(suffix)).length;

  it('run-local --storage gcs writes every PNG and the manifest to the bucket, nothing to disk', async () => {
    await seedFirestore(firestore.db(), flowRun);
    const storageDir = join(await dirs.make('cli-gcs-run'), 'out');

    const run = await spawnCli(
      [
        'run-local',
        '--flow-run-source',
        'firestore',
        '--run-id',
        runId,
        '--templates-source',
        'firestore',
        '--storage',
        'gcs',
        '--charts-bucket',
        `gs://${BUCKET}`,
        '--storage-dir',
        storageDir,
        '--output-summary',
        'json',
      ],
      cliEnv(),
    );

    expect(run.plainStderrLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(jsonSummaryOf(run)).toMatchObject({ status: 'SUCCEEDED', itemsCount: templateIds.length, failuresCount: 0, outputsManifestGcsUri: manifestUri });
    expect(run.logEntries[0]).toMatchObject({ event: 'cli.run_local.started', storage: 'gcs', bucket: BUCKET });
    const { manifest, pngNames } = storedStep();
    expect(manifest.items.map((item) => item.chartTemplateId).sort()).toEqual(templateIds);
    expect(manifest.items.map((item) => item.png_gcs_uri).sort()).toEqual(pngNames.map((name) => `gs://${BUCKET}/${name}`));
    expect(await stepInFirestore()).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: manifestUri } });
    await expect(readdir(storageDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sweep --storage gcs re-drives a step whose worker died, rendering into the bucket through the storage emulator', async () => {
    const db = firestore.db();
    await seedFirestore(db, flowRun);
    const storageDir = join(await dirs.make('cli-gcs-sweep'), 'out');

    // A worker claims the step on a short lease, none of its uploads lands, and it dies before finalize;
    // the sweep starts once its lease has expired.
    gcs.failNext({ status: 503, times: Infinity, kinds: ['upload'] });
    const clock = new SystemClock();
    const worker = dyingWorker(
      {
        flowRuns: new FirestoreFlowRunStore(db),
        templates: new FirestoreTemplateRepo(db),
        blobs: new GcsBlobStore(createStorage({ apiEndpoint: gcs.url, projectId: firestore.projectId, maxRetries: 0 })),
        leases: new FirestoreStepLeaseStore(db),
        clock,
      },
      { bucket: BUCKET, leaseTtlMs: LEASE_TTL_MS, fixturesDir: FIXTURES_DIR },
    );
    await worker.execute({ runId }).catch(() => undefined);
    expect(await stepInFirestore()).toMatchObject({ status: 'RUNNING' });
    gcs.reset();
    await setTimeout(LEASE_TTL_MS + 500);

    const sweep = await spawnCli(['sweep', '--storage', 'gcs', '--charts-bucket', `gs://${BUCKET}`, '--storage-dir', storageDir], cliEnv());

    expect(sweep.plainStderrLines).toEqual([]);
    expect(sweep.code).toBe(0);
    expect(JSON.parse(sweep.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      examined: 1,
      actions: [{ runId, stepId, action: 'redriven', detail: 'SUCCEEDED' }],
    });
    expect(sweep.logEntries.find((entry) => entry['event'] === 'cli.sweep.started')).toMatchObject({ storage: 'gcs', bucket: BUCKET });
    const { manifest, pngNames } = storedStep();
    expect(manifest.items.map((item) => item.chartTemplateId).sort()).toEqual(templateIds);
    expect(pngNames).toHaveLength(templateIds.length);
    expect(uploadsOf('.png')).toBe(templateIds.length);
    expect(uploadsOf('manifest.json')).toBe(1);
    expect(await stepInFirestore()).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: manifestUri } });
    await expect(readdir(storageDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
