import { describe, expect, it } from '@jest/globals';
import { CHARTS_API_MODES } from '@worker-chart-export/domain';
import type { RunLocalFlags } from './run-local-config.js';
import { resolveRunLocalConfig, type Env } from './resolve-run-local-config.js';

const baseFlags: RunLocalFlags = {
  flowRunPath: 'run.json',
  outputSummary: 'none',
  templatesDir: 'chart-templates',
  fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
  storageDir: '.charts-out',
  writeBack: false,
};

function resolve(flags: Partial<RunLocalFlags> = {}, env: Env = {}) {
  return resolveRunLocalConfig({ ...baseFlags, ...flags }, env);
}

function valueOf(result: ReturnType<typeof resolve>) {
  if (!result.ok) throw new Error(`expected a config, got: ${result.message}`);
  return result.value;
}

function messageOf(result: ReturnType<typeof resolve>) {
  if (result.ok) throw new Error('expected a configuration error');
  return result.message;
}

describe('resolveRunLocalConfig', () => {
  it('applies the embedded default when nothing is set', () => {
    expect(valueOf(resolve())).toEqual({
      flowRun: { from: 'file', path: 'run.json' },
      templatesSource: 'files',
      accountUsage: 'memory',
      chartsApiMode: 'mock',
      bucket: 'charts-local',
      accounts: { from: 'none' },
      outputSummary: 'none',
      templatesDir: 'chart-templates',
      fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
      storage: 'local',
      storageDir: '.charts-out',
      ohlcvDir: 'fixtures/ohlcv',
      writeBack: false,
      defaultTimezone: 'Etc/UTC',
      env: 'local',
      logLevel: 'info',
      renderFallback: 'off',
    });
  });

  it('takes local mode without any account, and the example OHLCV directory from --ohlcv-dir', () => {
    expect(valueOf(resolve({ chartsApiMode: 'local', ohlcvDir: 'my-ohlcv' }))).toMatchObject({
      chartsApiMode: 'local',
      accounts: { from: 'none' },
      ohlcvDir: 'my-ohlcv',
    });
    expect(messageOf(resolve({ ohlcvDir: '' }))).toBe('--ohlcv-dir must not be empty');
  });

  it('reads CHART_RENDER_FALLBACK: off by default, local on request, anything else named in one line', () => {
    expect(valueOf(resolve({}, { CHART_RENDER_FALLBACK: 'local' })).renderFallback).toBe('local');
    expect(valueOf(resolve({}, { CHART_RENDER_FALLBACK: ' ' })).renderFallback).toBe('off');
    expect(messageOf(resolve({}, { CHART_RENDER_FALLBACK: 'LOCAL' }))).toBe('CHART_RENDER_FALLBACK "LOCAL" is not one of off, local');
  });

  it('takes the mode from the flag over CHARTS_API_MODE, and from CHARTS_API_MODE over the default', () => {
    const accounts = '[{"id":"a","apiKey":"k"}]';
    expect(valueOf(resolve({ chartsApiMode: 'mock' }, { CHARTS_API_MODE: 'real' })).chartsApiMode).toBe('mock');
    expect(valueOf(resolve({}, { CHARTS_API_MODE: 'real', CHART_IMG_ACCOUNTS_JSON: accounts })).chartsApiMode).toBe('real');
    expect(valueOf(resolve({}, { CHARTS_API_MODE: '' })).chartsApiMode).toBe('mock');
  });

  it('names the flag or the variable that holds a bad mode', () => {
    expect(messageOf(resolve({ chartsApiMode: 'fake' }))).toBe(`--charts-api-mode "fake" is not one of ${CHARTS_API_MODES.join(', ')}`);
    expect(messageOf(resolve({}, { CHARTS_API_MODE: 'REAL' }))).toBe(`CHARTS_API_MODE "REAL" is not one of ${CHARTS_API_MODES.join(', ')}`);
  });

  it('takes the bucket from the flag over CHARTS_BUCKET and strips the scheme', () => {
    expect(valueOf(resolve({ chartsBucket: 'gs://from-flag' }, { CHARTS_BUCKET: 'gs://from-env' })).bucket).toBe('from-flag');
    expect(valueOf(resolve({}, { CHARTS_BUCKET: 'gs://from-env/' })).bucket).toBe('from-env');
  });

  it('rejects a bucket that is not gs://<bucket>, naming its source', () => {
    expect(messageOf(resolve({ chartsBucket: 's3://b' }))).toMatch(/^--charts-bucket: bucket URI .*s3:\/\/b.* gs:\/\/<bucket>/);
    expect(messageOf(resolve({}, { CHARTS_BUCKET: 'gs://b/with/path' }))).toMatch(/^CHARTS_BUCKET: .*without an object path/);
  });

  it('rejects an unknown --output-summary', () => {
    expect(messageOf(resolve({ outputSummary: 'yaml' }))).toBe('--output-summary "yaml" is not one of none, text, json');
  });

  it('requires accounts in real and record mode, from the file or CHART_IMG_ACCOUNTS_JSON', () => {
    expect(messageOf(resolve({ chartsApiMode: 'real' }))).toMatch(/--charts-api-mode=real needs Chart-IMG accounts: pass --accounts-config-path/);
    expect(messageOf(resolve({}, { CHARTS_API_MODE: 'record' }))).toMatch(/^CHARTS_API_MODE=record needs Chart-IMG accounts/);
    expect(valueOf(resolve({ chartsApiMode: 'real', accountsConfigPath: 'acc.json' })).accounts).toEqual({ from: 'file', path: 'acc.json' });
  });

  it('prefers the accounts file over CHART_IMG_ACCOUNTS_JSON', () => {
    expect(valueOf(resolve({ accountsConfigPath: 'acc.json' }, { CHART_IMG_ACCOUNTS_JSON: '[]' })).accounts).toEqual({ from: 'file', path: 'acc.json' });
    expect(valueOf(resolve({}, { CHART_IMG_ACCOUNTS_JSON: '[]' })).accounts).toEqual({ from: 'env', json: '[]' });
  });

  it('refuses record mode when ENV=prod', () => {
    expect(messageOf(resolve({ chartsApiMode: 'record', accountsConfigPath: 'a.json' }, { ENV: 'prod' }))).toBe(
      '--charts-api-mode=record is refused when ENV=prod',
    );
  });

  it('reads ENV, LOG_LEVEL, CHARTS_DEFAULT_TIMEZONE and CHART_IMG_BASE_URL', () => {
    const config = valueOf(resolve({}, { ENV: 'dev', LOG_LEVEL: 'DEBUG', CHARTS_DEFAULT_TIMEZONE: 'Europe/Berlin', CHART_IMG_BASE_URL: 'http://127.0.0.1:9' }));
    expect(config).toMatchObject({ env: 'dev', logLevel: 'debug', defaultTimezone: 'Europe/Berlin', chartImgBaseUrl: 'http://127.0.0.1:9' });
  });

  it('rejects a timezone Chart-IMG does not know and an unknown LOG_LEVEL', () => {
    expect(messageOf(resolve({}, { CHARTS_DEFAULT_TIMEZONE: 'Mars/Olympus' }))).toMatch(/^CHARTS_DEFAULT_TIMEZONE "Mars\/Olympus"/);
    expect(messageOf(resolve({}, { LOG_LEVEL: 'verbose' }))).toBe('LOG_LEVEL "verbose" is not one of debug, info, warn, error');
  });

  it('rejects empty flag values, naming the flag', () => {
    expect(messageOf(resolve({ flowRunPath: '' }))).toBe('--flow-run-path must not be empty');
    expect(messageOf(resolve({ stepId: ' ' }))).toBe('--step-id must not be empty');
    expect(messageOf(resolve({ runId: '' }))).toBe('--run-id must not be empty');
  });

  it('keeps --step-id and --write-back', () => {
    expect(valueOf(resolve({ stepId: 'charts:1h', writeBack: true }))).toMatchObject({ stepId: 'charts:1h', writeBack: true });
  });

  describe('--storage', () => {
    it('writes under --storage-dir by default, to GCS with --storage gcs', () => {
      expect(valueOf(resolve()).storage).toBe('local');
      expect(valueOf(resolve({ storage: 'gcs', chartsBucket: 'gs://my-charts' }))).toMatchObject({ storage: 'gcs', bucket: 'my-charts' });
      expect(valueOf(resolve({ storage: 'gcs' }, { STORAGE_EMULATOR_HOST: 'http://127.0.0.1:4443' }))).toMatchObject({
        storage: 'gcs',
        bucket: 'charts-local',
      });
    });

    it('rejects an unknown or empty --storage, and the default bucket in real Cloud Storage', () => {
      expect(messageOf(resolve({ storage: 's3' }))).toBe('--storage "s3" is not one of local, gcs');
      expect(messageOf(resolve({ storage: '' }))).toBe('--storage must not be empty');
      expect(messageOf(resolve({ storage: 'gcs' }))).toMatch(
        /^--storage gcs writes to Google Cloud Storage \(STORAGE_EMULATOR_HOST is unset\): name the bucket/,
      );
    });
  });

  describe('Firestore sources', () => {
    const firestoreFlags: Partial<RunLocalFlags> = { flowRunPath: undefined, flowRunSource: 'firestore', runId: 'run-1' };
    const project = { GOOGLE_CLOUD_PROJECT: 'demo-charts', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8085' };
    const realProject = { GOOGLE_CLOUD_PROJECT: 'prod-charts' };
    const accounts = { CHART_IMG_ACCOUNTS_JSON: '[{"id":"a","apiKey":"k"}]' };
    const production = { chartsApiMode: 'real', chartsBucket: 'gs://prod-charts', storage: 'gcs' };

    it('keeps the local defaults for a flow_run in the emulator', () => {
      expect(valueOf(resolve(firestoreFlags, project))).toMatchObject({ chartsApiMode: 'mock', bucket: 'charts-local', storage: 'local' });
    });

    it("takes no test default for a real project's flow_run, naming what must be given", () => {
      expect(messageOf(resolve(firestoreFlags, realProject))).toBe(
        'run-local --flow-run-source firestore finalizes steps of the real Firestore project projects/prod-charts/databases/(default) ' +
          '(FIRESTORE_EMULATOR_HOST is unset), so it takes no test defaults: give --charts-api-mode real (or CHARTS_API_MODE), ' +
          '--charts-bucket gs://BUCKET (or CHARTS_BUCKET), --storage gcs',
      );
      expect(valueOf(resolve({ ...firestoreFlags, ...production }, { ...realProject, ...accounts }))).toMatchObject({
        chartsApiMode: 'real',
        bucket: 'prod-charts',
        storage: 'gcs',
      });
    });

    it("refuses mock Chart-IMG or local storage for a real project's flow_run unless --allow-test-outputs", () => {
      expect(messageOf(resolve({ ...firestoreFlags, ...production, chartsApiMode: 'mock' }, realProject))).toMatch(
        /^--charts-api-mode=mock would finalize steps of the real Firestore project .* with fixture images/,
      );
      expect(messageOf(resolve({ ...firestoreFlags, ...production, storage: 'local' }, { ...realProject, ...accounts }))).toMatch(
        /^--storage local would finalize steps of the real Firestore project .* only on this disk/,
      );
      const allowed = { ...firestoreFlags, ...production, chartsApiMode: 'mock', storage: 'local', allowTestOutputs: true };
      expect(valueOf(resolve(allowed, realProject))).toMatchObject({ chartsApiMode: 'mock', storage: 'local' });
    });

    it("reserves a real project's quota in its shared chart_img_accounts_usage when it calls Chart-IMG", () => {
      const env = { ...realProject, ...accounts };
      expect(valueOf(resolve({ ...firestoreFlags, ...production }, env)).accountUsage).toBe('firestore');
      expect(valueOf(resolve({ ...firestoreFlags, ...production, chartsApiMode: 'record', allowTestOutputs: true }, env)).accountUsage).toBe('firestore');
      // Mock calls nobody; the emulator and a flow_run file share nothing with the deployed worker.
      expect(valueOf(resolve({ ...firestoreFlags, ...production, chartsApiMode: 'mock', allowTestOutputs: true }, env)).accountUsage).toBe('memory');
      expect(valueOf(resolve({ ...firestoreFlags, chartsApiMode: 'real' }, { ...project, ...accounts })).accountUsage).toBe('memory');
      expect(valueOf(resolve({ templatesSource: 'firestore', chartsApiMode: 'real' }, env)).accountUsage).toBe('memory');
    });

    it("refuses --account-usage memory for a real project's flow_run in real or record mode unless --allow-test-outputs", () => {
      const env = { ...realProject, ...accounts };
      expect(messageOf(resolve({ ...firestoreFlags, ...production, accountUsage: 'memory' }, env))).toBe(
        '--account-usage memory would spend Chart-IMG quota without reserving it in chart_img_accounts_usage of the real Firestore project ' +
          'projects/prod-charts/databases/(default), where the deployed worker reserves it for the same accounts: use firestore (the default here), ' +
          'or pass --allow-test-outputs',
      );
      expect(valueOf(resolve({ ...firestoreFlags, ...production, accountUsage: 'memory', allowTestOutputs: true }, env)).accountUsage).toBe('memory');
      expect(messageOf(resolve({ ...firestoreFlags, ...production, accountUsage: 'disk' }, env))).toBe(
        '--account-usage "disk" is not one of memory, firestore',
      );
    });

    it('keeps the defaults for a flow_run file whose templates or usage come from a real project', () => {
      expect(valueOf(resolve({ templatesSource: 'firestore', accountUsage: 'firestore' }, realProject))).toMatchObject({
        chartsApiMode: 'mock',
        storage: 'local',
      });
    });

    it('requires --flow-run-path for the default file source, in the words commander used', () => {
      expect(messageOf(resolve({ flowRunPath: undefined }))).toMatch(/^required option '--flow-run-path <path>' not specified/);
    });

    it('takes the flow_run, templates and usage from Firestore, with the project from GOOGLE_CLOUD_PROJECT', () => {
      const config = valueOf(resolve({ ...firestoreFlags, templatesSource: 'firestore', accountUsage: 'firestore' }, project));
      expect(config).toMatchObject({
        flowRun: { from: 'firestore', runId: 'run-1' },
        templatesSource: 'firestore',
        accountUsage: 'firestore',
        firestore: { projectId: 'demo-charts', databaseId: '(default)' },
      });
    });

    it('prefers --project over GOOGLE_CLOUD_PROJECT and reads FIRESTORE_DATABASE and FIRESTORE_EMULATOR_HOST', () => {
      const env = { ...project, FIRESTORE_DATABASE: 'charts-db', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8085' };
      expect(valueOf(resolve({ templatesSource: 'firestore', project: 'demo-flag' }, env)).firestore).toEqual({
        projectId: 'demo-flag',
        databaseId: 'charts-db',
        emulatorHost: '127.0.0.1:8085',
      });
    });

    it('names the flag that asked for Firestore when no project is configured', () => {
      expect(messageOf(resolve(firestoreFlags))).toBe(
        '--flow-run-source firestore needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT',
      );
      expect(messageOf(resolve({ accountUsage: 'firestore' }, { GOOGLE_CLOUD_PROJECT: ' ' }))).toMatch(
        /^--account-usage firestore needs a Google Cloud project/,
      );
    });

    it('rejects unknown source names', () => {
      expect(messageOf(resolve({ flowRunSource: 'db' }))).toBe('--flow-run-source "db" is not one of file, firestore');
      expect(messageOf(resolve({ templatesSource: 'file' }))).toBe('--templates-source "file" is not one of files, firestore');
      expect(messageOf(resolve({ accountUsage: 'redis' }))).toBe('--account-usage "redis" is not one of memory, firestore');
    });

    it('refuses flags that belong to the other flow_run source', () => {
      expect(messageOf(resolve({ runId: 'run-1' }))).toMatch(/^--run-id applies to --flow-run-source firestore/);
      expect(messageOf(resolve({ ...firestoreFlags, flowRunPath: 'run.json' }, project))).toMatch(/^--flow-run-path applies to --flow-run-source file/);
      expect(messageOf(resolve({ ...firestoreFlags, runId: undefined }, project))).toMatch(/^--flow-run-source firestore needs --run-id ID/);
      expect(messageOf(resolve({ ...firestoreFlags, writeBack: true }, project))).toMatch(/^--write-back applies to --flow-run-source file only/);
    });

    it('refuses --project when nothing comes from Firestore, and a malformed project or database id', () => {
      expect(messageOf(resolve({ project: 'demo-charts' }))).toMatch(/^--project applies only with a Firestore source/);
      expect(messageOf(resolve({ templatesSource: 'firestore', project: 'My Project' }))).toMatch(/^--project "My Project" is not a Google Cloud project id/);
      expect(messageOf(resolve({ templatesSource: 'firestore' }, { ...project, FIRESTORE_DATABASE: 'Bad/DB' }))).toMatch(/^FIRESTORE_DATABASE "Bad\/DB"/);
    });
  });
});
