import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TEST_RUN_ID, writeTestFile } from './flow-run-files.js';
import { startNetworkTripwire, type NetworkTripwire } from './network-tripwire.js';
import { spawnCli, tempDir } from '@worker-chart-export/testing';

// Each case spawns the real CLI.
jest.setTimeout(120_000);

const PROJECT = 'some-real-project';
const TARGET = `the real Firestore project projects/${PROJECT}/databases/(default) (FIRESTORE_EMULATOR_HOST is unset)`;
const ALL_MISSING = 'give --charts-api-mode real (or CHARTS_API_MODE), --charts-bucket gs://BUCKET (or CHARTS_BUCKET), --storage gcs';
const RUN_FIRESTORE = ['run-local', '--flow-run-source', 'firestore', '--run-id', TEST_RUN_ID];

// No FIRESTORE_EMULATOR_HOST: these commands would work on production steps. Every client they could
// create is pointed at a tripwire, and HOME is an empty directory, so no stored credentials are found.
describe('sweep and run-local on a real Firestore project refuse test defaults before touching anything', () => {
  let tripwire: NetworkTripwire;
  let home: Awaited<ReturnType<typeof tempDir>>;
  let accountsFile: string;

  beforeAll(async () => {
    tripwire = await startNetworkTripwire();
    home = await tempDir('cli-real-project');
    accountsFile = await writeTestFile(home.path, 'accounts.json', [{ id: 'acc-1', apiKey: 'sk-real-project-0123456789' }]);
  });

  afterAll(async () => {
    await tripwire.close();
    await home.cleanup();
  });

  async function runRefused(args: readonly string[], env: Record<string, string> = {}) {
    const storageDir = join(home.path, 'out');
    const connectionsBefore = tripwire.connections();
    const run = await spawnCli([...args, '--storage-dir', storageDir], { ...tripwire.env, HOME: home.path, ...env });
    expect({ code: run.code, stdout: run.stdout, stderrLines: run.stderr.split('\n').filter((line) => line !== '') }).toEqual({
      code: 2,
      stdout: '',
      stderrLines: [expect.stringMatching(/^error: /)],
    });
    expect(tripwire.connections() - connectionsBefore).toBe(0);
    await expect(readdir(storageDir)).rejects.toMatchObject({ code: 'ENOENT' });
    return run.stderr.trim();
  }

  it.each([
    ['sweep --project', ['sweep', '--project', PROJECT], {}],
    ['sweep with GOOGLE_CLOUD_PROJECT', ['sweep'], { GOOGLE_CLOUD_PROJECT: PROJECT }],
  ])('a bare %s names the mode, bucket and storage it needs', async (_name, args, env) => {
    expect(await runRefused(args, env)).toBe(`error: sweep finalizes steps of ${TARGET}, so it takes no test defaults: ${ALL_MISSING}`);
  });

  it('run-local --flow-run-source firestore names the mode, bucket and storage it needs', async () => {
    expect(await runRefused([...RUN_FIRESTORE, '--project', PROJECT])).toBe(
      `error: run-local --flow-run-source firestore finalizes steps of ${TARGET}, so it takes no test defaults: ${ALL_MISSING}`,
    );
  });

  it('names only what is still missing, whether given by flag or env', async () => {
    const env = { GOOGLE_CLOUD_PROJECT: PROJECT, CHARTS_API_MODE: 'real', CHART_IMG_ACCOUNTS_JSON: '[{"id":"a","apiKey":"sk-env-0123456789"}]' };
    expect(await runRefused(['sweep', '--storage', 'gcs'], env)).toBe(
      `error: sweep finalizes steps of ${TARGET}, so it takes no test defaults: give --charts-bucket gs://BUCKET (or CHARTS_BUCKET)`,
    );
  });

  it('sweep refuses mock Chart-IMG on a real project even when asked for explicitly', async () => {
    expect(await runRefused(['sweep', '--project', PROJECT, '--charts-api-mode', 'mock', '--charts-bucket', 'gs://prod-charts', '--storage', 'gcs'])).toBe(
      `error: --charts-api-mode=mock would finalize steps of ${TARGET} with fixture images: use real, or pass --allow-test-outputs`,
    );
  });

  it('--storage gcs into real Cloud Storage needs a bucket named on purpose, on the emulator or with a flow_run file', async () => {
    const message =
      'error: --storage gcs writes to Google Cloud Storage (STORAGE_EMULATOR_HOST is unset): name the bucket with --charts-bucket gs://BUCKET or CHARTS_BUCKET';
    const emulator = { FIRESTORE_EMULATOR_HOST: tripwire.url.slice('http://'.length), GOOGLE_CLOUD_PROJECT: 'demo-charts' };
    expect(await runRefused(['sweep', '--storage', 'gcs'], emulator)).toBe(message);
    expect(await runRefused(['run-local', '--flow-run-path', 'fixtures/flow-runs/example-ready.json', '--storage', 'gcs'])).toBe(message);
  });

  it('run-local refuses --storage local for a real project flow_run even when asked for explicitly', async () => {
    const args = [...RUN_FIRESTORE, '--project', PROJECT, '--charts-api-mode', 'real', '--accounts-config-path', accountsFile];
    expect(await runRefused([...args, '--charts-bucket', 'gs://prod-charts', '--storage', 'local'])).toBe(
      `error: --storage local would finalize steps of ${TARGET} with PNGs and a manifest only on this disk: use --storage gcs, or pass --allow-test-outputs`,
    );
  });

  it('run-local refuses in-memory account usage for a real project flow_run that calls Chart-IMG, unless asked for on purpose', async () => {
    const args = [...RUN_FIRESTORE, '--project', PROJECT, '--charts-api-mode', 'real', '--accounts-config-path', accountsFile];
    expect(await runRefused([...args, '--charts-bucket', 'gs://prod-charts', '--storage', 'gcs', '--account-usage', 'memory'])).toBe(
      'error: --account-usage memory would spend Chart-IMG quota without reserving it in chart_img_accounts_usage of the real Firestore project ' +
        `projects/${PROJECT}/databases/(default), where the deployed worker reserves it for the same accounts: use firestore (the default here), ` +
        'or pass --allow-test-outputs',
    );
  });

  it("run-local reserves a real project's quota in its shared chart_img_accounts_usage by default", async () => {
    const storageDir = join(home.path, 'out');
    const args = [...RUN_FIRESTORE, '--project', PROJECT, '--charts-api-mode', 'real', '--accounts-config-path', accountsFile];
    const run = await spawnCli([...args, '--charts-bucket', 'gs://prod-charts', '--storage', 'gcs', '--storage-dir', storageDir], {
      ...tripwire.env,
      HOME: home.path,
    });
    // The run starts with Firestore account usage, then finds no credentials (the tripwire answers nothing) and stops.
    expect(run.logEntries.find((entry) => entry['event'] === 'cli.run_local.started')).toMatchObject({
      sources: { flowRun: 'firestore', accountUsage: 'firestore' },
      firestore: `projects/${PROJECT}/databases/(default)`,
    });
    expect(run.code).toBe(1);
    await expect(readdir(storageDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a Firestore command without credentials fails with one error line, not a stack trace', async () => {
    const run = await spawnCli(['accounts', 'status', '--project', PROJECT, '--accounts-config-path', accountsFile], { ...tripwire.env, HOME: home.path });
    // Node may print the auth library's metadata-probe warning first; the CLI's own word is one error line.
    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('error') || line.startsWith('Error'));
    expect({ code: run.code, stdout: run.stdout, errorLines }).toEqual({
      code: 1,
      stdout: '',
      errorLines: [expect.stringMatching(/^error: Could not load the default credentials/)],
    });
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
