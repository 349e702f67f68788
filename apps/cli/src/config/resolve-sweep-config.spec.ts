import { describe, expect, it } from '@jest/globals';
import { resolveSweepConfig } from './resolve-sweep-config.js';
import type { SweepFlags } from './sweep-config.js';

const baseFlags: SweepFlags = { templatesDir: 'chart-templates', fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2', storageDir: '.charts-out' };
const emulator = { GOOGLE_CLOUD_PROJECT: 'demo-charts', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8085' };
const realProject = { GOOGLE_CLOUD_PROJECT: 'prod-charts' };
const accounts = { CHART_IMG_ACCOUNTS_JSON: '[{"id":"a","apiKey":"k"}]' };

function resolve(flags: Partial<SweepFlags> = {}, env: Record<string, string> = emulator) {
  return resolveSweepConfig({ ...baseFlags, ...flags }, env);
}

function messageOf(result: ReturnType<typeof resolve>): string {
  if (result.ok) throw new Error('expected a configuration error');
  return result.message;
}

describe('resolveSweepConfig', () => {
  it("defaults on the emulator to the worker's sweep settings: Firestore templates, local blobs, mock Chart-IMG", () => {
    expect(resolve()).toEqual({
      ok: true,
      value: {
        chartsApiMode: 'mock',
        bucket: 'charts-local',
        accounts: { from: 'none' },
        defaultTimezone: 'Etc/UTC',
        env: 'local',
        logLevel: 'info',
        renderFallback: 'off',
        maxAttempts: 3,
        batchSize: 20,
        templatesSource: 'firestore',
        templatesDir: 'chart-templates',
        fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
        storage: 'local',
        storageDir: '.charts-out',
        firestore: { projectId: 'demo-charts', databaseId: '(default)', emulatorHost: '127.0.0.1:8085' },
      },
    });
  });

  it('reads --max-attempts, --batch-size, --templates-source, --storage and --project', () => {
    const flags = { maxAttempts: '5', batchSize: '100', templatesSource: 'files', storage: 'gcs', chartsBucket: 'gs://other-charts', project: 'demo-other' };
    expect(resolve(flags)).toMatchObject({
      ok: true,
      value: { maxAttempts: 5, batchSize: 100, templatesSource: 'files', storage: 'gcs', firestore: { projectId: 'demo-other' } },
    });
  });

  it.each([
    [{ maxAttempts: '0' }, '--max-attempts "0" must be a whole number from 1 to 100'],
    [{ maxAttempts: '2.5' }, '--max-attempts "2.5" must be a whole number from 1 to 100'],
    [{ batchSize: 'all' }, '--batch-size "all" must be a whole number from 1 to 500'],
    [{ storage: 's3' }, '--storage "s3" is not one of local, gcs'],
    [{ templatesSource: 'web' }, '--templates-source "web" is not one of files, firestore'],
    [{ storageDir: '' }, '--storage-dir must not be empty'],
  ])('rejects %j', (flags, message) => {
    expect(messageOf(resolve(flags))).toBe(message);
  });

  it('needs a project, and accounts in real mode, like run-local', () => {
    expect(messageOf(resolve({}, {}))).toBe('sweep needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT');
    expect(messageOf(resolve({ chartsApiMode: 'real' }))).toMatch(/^--charts-api-mode=real needs Chart-IMG accounts/);
  });

  describe('against a real Firestore project (FIRESTORE_EMULATOR_HOST unset)', () => {
    const production = { chartsApiMode: 'real', chartsBucket: 'gs://prod-charts', storage: 'gcs' };

    it('takes no test default: a bare sweep names the mode, bucket and storage it needs', () => {
      expect(messageOf(resolve({}, realProject))).toBe(
        'sweep finalizes steps of the real Firestore project projects/prod-charts/databases/(default) (FIRESTORE_EMULATOR_HOST is unset), ' +
          'so it takes no test defaults: give --charts-api-mode real (or CHARTS_API_MODE), --charts-bucket gs://BUCKET (or CHARTS_BUCKET), --storage gcs',
      );
      expect(messageOf(resolve({ project: 'prod-charts' }, {}))).toMatch(/^sweep finalizes steps of the real Firestore project projects\/prod-charts\//);
      expect(messageOf(resolve({ chartsApiMode: 'real', storage: 'gcs' }, { ...realProject, ...accounts }))).toMatch(
        /give --charts-bucket gs:\/\/BUCKET \(or CHARTS_BUCKET\)$/,
      );
    });

    it('runs real Chart-IMG into GCS when they are given, by flag or by env', () => {
      expect(resolve(production, { ...realProject, ...accounts })).toMatchObject({
        ok: true,
        value: { chartsApiMode: 'real', bucket: 'prod-charts', storage: 'gcs', firestore: { projectId: 'prod-charts' } },
      });
      const env = { ...realProject, ...accounts, CHARTS_API_MODE: 'real', CHARTS_BUCKET: 'gs://prod-charts' };
      expect(resolve({ storage: 'gcs' }, env)).toMatchObject({ ok: true, value: { chartsApiMode: 'real', bucket: 'prod-charts' } });
    });

    it('refuses fixture images and local files unless --allow-test-outputs', () => {
      expect(messageOf(resolve({ ...production, chartsApiMode: 'mock' }, realProject))).toMatch(
        /^--charts-api-mode=mock would finalize steps of the real Firestore project .* with fixture images: use real, or pass --allow-test-outputs$/,
      );
      expect(messageOf(resolve({ storage: 'gcs', chartsBucket: 'gs://other-charts' }, { ...realProject, ...accounts, CHARTS_API_MODE: 'record' }))).toMatch(
        /^CHARTS_API_MODE=record would finalize steps .* with fixture images/,
      );
      expect(messageOf(resolve({ ...production, storage: 'local' }, { ...realProject, ...accounts }))).toMatch(
        /^--storage local would finalize steps of the real Firestore project .* only on this disk: use --storage gcs, or pass --allow-test-outputs$/,
      );
      const allowed = { ...production, chartsApiMode: 'mock', storage: 'local', allowTestOutputs: true };
      expect(resolve(allowed, realProject)).toMatchObject({ ok: true, value: { chartsApiMode: 'mock', storage: 'local' } });
    });

    it('needs the explicit choices even with --allow-test-outputs', () => {
      expect(messageOf(resolve({ allowTestOutputs: true }, realProject))).toMatch(/so it takes no test defaults: give --charts-api-mode/);
    });
  });

  it('refuses --storage gcs into the default bucket of real Cloud Storage, but not of the storage emulator', () => {
    expect(messageOf(resolve({ storage: 'gcs' }))).toBe(
      '--storage gcs writes to Google Cloud Storage (STORAGE_EMULATOR_HOST is unset): name the bucket with --charts-bucket gs://BUCKET or CHARTS_BUCKET',
    );
    expect(resolve({ storage: 'gcs' }, { ...emulator, STORAGE_EMULATOR_HOST: 'http://127.0.0.1:4443' })).toMatchObject({
      ok: true,
      value: { storage: 'gcs', bucket: 'charts-local' },
    });
  });
});
