import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CHART_EXPORT_SETTINGS } from '@worker-chart-export/domain';
import { loadWorkerConfig, type Env } from './load-worker-config.js';

const SECRET = 'sk-config-never-print-0123456789';
const ACCOUNTS = JSON.stringify([{ id: 'acc-1', apiKey: SECRET, plan: 'PRO' }]);
const minimal: Env = { CHARTS_BUCKET: 'gs://charts-prod', CHART_IMG_ACCOUNTS_JSON: ACCOUNTS };

function problemsOf(env: Env): readonly string[] {
  const result = loadWorkerConfig(env);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

describe('loadWorkerConfig', () => {
  it('applies the defaults around the two required variables', () => {
    const result = loadWorkerConfig(minimal);
    expect(result).toEqual({
      ok: true,
      config: {
        bucket: 'charts-prod',
        embeddedDefault: false,
        onlyEmulators: false,
        storage: { kind: 'gcs' },
        templates: { from: 'firestore' },
        chartsApiMode: 'real',
        accounts: [{ id: 'acc-1', apiKey: SECRET, plan: 'PRO', dailyLimit: 44, priority: 100 }],
        defaultTimezone: 'Etc/UTC',
        firestoreDatabase: '(default)',
        fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
        port: 8080,
        host: '0.0.0.0',
        logLevel: 'info',
        env: 'dev',
        shutdownGraceMs: 9000,
        limits: {
          concurrency: DEFAULT_CHART_EXPORT_SETTINGS.concurrency,
          maxAttemptsPerRequest: 3,
          attemptTimeoutMs: 30000,
          stepDeadlineMs: 240000,
          sweeperMaxAttempts: 3,
          leaseTtlMs: 300_000,
        },
      },
    });
  });

  it('reads every optional variable', () => {
    const result = loadWorkerConfig({
      ...minimal,
      CHARTS_API_MODE: 'record',
      CHARTS_DEFAULT_TIMEZONE: 'Europe/Moscow',
      FIRESTORE_DATABASE: 'flows',
      GOOGLE_CLOUD_PROJECT: 'tda-prod',
      CHART_IMG_BASE_URL: 'http://127.0.0.1:9999',
      CHARTS_FIXTURES_DIR: '/srv/fixtures',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'DEBUG',
      ENV: 'staging',
      SHUTDOWN_GRACE_MS: '500',
      CHART_EXPORT_CONCURRENCY: '2',
      CHART_IMG_MAX_ATTEMPTS: '5',
      CHART_IMG_ATTEMPT_TIMEOUT_MS: '1000',
      CHART_EXPORT_STEP_DEADLINE_MS: '5000',
      SWEEPER_MAX_ATTEMPTS: '4',
      CHART_EXPORT_LEASE_TTL_MS: '9000',
    });
    expect(result.ok && result.config).toMatchObject({
      chartsApiMode: 'record',
      defaultTimezone: 'Europe/Moscow',
      firestoreDatabase: 'flows',
      projectId: 'tda-prod',
      chartImgBaseUrl: 'http://127.0.0.1:9999',
      fixturesDir: '/srv/fixtures',
      port: 0,
      host: '127.0.0.1',
      logLevel: 'debug',
      env: 'staging',
      shutdownGraceMs: 500,
      limits: { concurrency: 2, maxAttemptsPerRequest: 5, attemptTimeoutMs: 1000, stepDeadlineMs: 5000, sweeperMaxAttempts: 4, leaseTtlMs: 9000 },
    });
  });

  it('needs no accounts in mock mode', () => {
    const result = loadWorkerConfig({ CHARTS_BUCKET: 'gs://charts-dev', CHARTS_API_MODE: 'mock' });
    expect(result.ok && result.config.accounts).toEqual([]);
  });

  it('needs no accounts in local mode', () => {
    const result = loadWorkerConfig({ CHARTS_BUCKET: 'gs://charts-dev', CHARTS_API_MODE: 'local' });
    expect(result.ok && [result.config.chartsApiMode, result.config.accounts]).toEqual(['local', []]);
  });

  it('reads CHART_RENDER_FALLBACK: absent or off leaves it off, local turns it on, anything else is refused by name', () => {
    const fallbackOf = (value: string | undefined) => {
      const result = loadWorkerConfig({ ...minimal, CHART_RENDER_FALLBACK: value });
      return result.ok ? result.config.renderFallback : undefined;
    };
    expect([fallbackOf(undefined), fallbackOf('off'), fallbackOf('local')]).toEqual([undefined, undefined, 'local']);
    expect(problemsOf({ ...minimal, CHART_RENDER_FALLBACK: 'chart-img' })).toEqual(['CHART_RENDER_FALLBACK "chart-img" is not one of off, local']);
  });

  it('requires the bucket and, in real mode, the accounts', () => {
    expect(problemsOf({})).toEqual(['CHARTS_BUCKET is required (gs://<bucket>)', 'CHART_IMG_ACCOUNTS_JSON is required when CHARTS_API_MODE=real']);
  });

  it('refuses record mode when ENV=prod', () => {
    expect(problemsOf({ ...minimal, CHARTS_API_MODE: 'record', ENV: 'prod' })).toEqual(['CHARTS_API_MODE=record is refused when ENV=prod']);
  });

  it('refuses record mode where the fixtures are read-only (the container image)', () => {
    expect(problemsOf({ ...minimal, CHARTS_API_MODE: 'record', CHARTS_FIXTURES_READ_ONLY: 'true' })).toEqual([
      'CHARTS_API_MODE=record is refused when CHARTS_FIXTURES_READ_ONLY=true: record saves fixtures, and they are read-only here',
    ]);
    expect(loadWorkerConfig({ ...minimal, CHARTS_API_MODE: 'real', CHARTS_FIXTURES_READ_ONLY: 'true' }).ok).toBe(true);
    expect(loadWorkerConfig({ ...minimal, CHARTS_API_MODE: 'record', CHARTS_FIXTURES_READ_ONLY: 'false' }).ok).toBe(true);
    expect(problemsOf({ ...minimal, CHARTS_FIXTURES_READ_ONLY: 'yes' })).toEqual(['CHARTS_FIXTURES_READ_ONLY "yes" is not one of true, false']);
  });

  it('reports every problem at once, one line each, naming variable and value', () => {
    const problems = problemsOf({
      CHARTS_BUCKET: 's3://charts',
      CHARTS_API_MODE: 'live',
      CHART_IMG_ACCOUNTS_JSON: ACCOUNTS,
      CHARTS_DEFAULT_TIMEZONE: 'Mars/Olympus',
      CHART_IMG_BASE_URL: 'ftp://chart-img',
      LOG_LEVEL: 'loud',
      PORT: '80a',
      CHART_EXPORT_CONCURRENCY: '0',
      CHART_IMG_MAX_ATTEMPTS: '2.5',
      SWEEPER_MAX_ATTEMPTS: '-1',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^CHARTS_BUCKET: bucket URI "s3:\/\/charts" must look like gs:\/\/<bucket>$/),
      'CHARTS_API_MODE "live" is not one of real, mock, record, local',
      'CHARTS_DEFAULT_TIMEZONE "Mars/Olympus" is not a timezone Chart-IMG supports',
      'CHART_IMG_BASE_URL "ftp://chart-img" is not an http(s) URL',
      'LOG_LEVEL "loud" is not one of debug, info, warn, error',
      'PORT "80a" must be an integer from 0 to 65535',
      'CHART_EXPORT_CONCURRENCY "0" must be an integer from 1 to 64',
      'CHART_IMG_MAX_ATTEMPTS "2.5" must be an integer from 1 to 10',
      'SWEEPER_MAX_ATTEMPTS "-1" must be an integer from 1 to 100',
    ]);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('refuses a step deadline shorter than one attempt', () => {
    expect(problemsOf({ ...minimal, CHART_EXPORT_STEP_DEADLINE_MS: '60000', CHART_EXPORT_LEASE_TTL_MS: '60000' })).toEqual([
      'CHART_EXPORT_LEASE_TTL_MS 60000 must exceed CHART_EXPORT_STEP_DEADLINE_MS 60000, or a running step could be re-driven',
    ]);
    expect(problemsOf({ ...minimal, CHART_IMG_ATTEMPT_TIMEOUT_MS: '5000', CHART_EXPORT_STEP_DEADLINE_MS: '1000' })).toEqual([
      'CHART_EXPORT_STEP_DEADLINE_MS 1000 is shorter than CHART_IMG_ATTEMPT_TIMEOUT_MS 5000: no attempt could finish',
    ]);
  });

  it('names a bad accounts entry without ever printing a key', () => {
    const problems = problemsOf({
      ...minimal,
      CHART_IMG_ACCOUNTS_JSON: JSON.stringify([
        { id: 'acc-1', apiKey: SECRET },
        { id: 'acc-1', apiKey: SECRET, plan: 'GOLD' },
      ]),
    });
    expect(problems).toEqual([expect.stringMatching(/^CHART_IMG_ACCOUNTS_JSON: accounts\[1\] \(id "acc-1"\): .*already used.*plan must be one of/)]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('does not echo an accounts secret that is not JSON', () => {
    const problems = problemsOf({ ...minimal, CHART_IMG_ACCOUNTS_JSON: `[{"id":"a","apiKey":"${SECRET}"` });
    expect(problems).toEqual([expect.stringMatching(/^CHART_IMG_ACCOUNTS_JSON: accounts config is not valid JSON/)]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  describe('the embedded default', () => {
    const EMULATOR = { FIRESTORE_EMULATOR_HOST: '127.0.0.1:8181', GOOGLE_CLOUD_PROJECT: 'demo-charts' };

    it('against the Firestore emulator alone: mock Chart-IMG, charts-local under .charts-out, templates from chart-templates', () => {
      const result = loadWorkerConfig(EMULATOR);
      expect(result.ok && result.config).toMatchObject({
        embeddedDefault: true,
        onlyEmulators: true,
        bucket: 'charts-local',
        chartsApiMode: 'mock',
        accounts: [],
        storage: { kind: 'local', dir: '.charts-out' },
        templates: { from: 'files', dir: 'chart-templates' },
        fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
      });
    });

    it('takes each part from its variable', () => {
      const result = loadWorkerConfig({
        ...EMULATOR,
        CHARTS_API_MODE: 'real',
        CHART_IMG_ACCOUNTS_JSON: ACCOUNTS,
        CHARTS_STORAGE_DIR: '/tmp/charts',
        CHART_TEMPLATES_DIR: '/srv/templates',
      });
      expect(result.ok && result.config).toMatchObject({
        embeddedDefault: true,
        chartsApiMode: 'real',
        storage: { kind: 'local', dir: '/tmp/charts' },
        templates: { from: 'files', dir: '/srv/templates' },
      });
      // Cloud Storage itself, with Firestore's emulator: the storage client needs credentials.
      expect(loadWorkerConfig({ ...EMULATOR, CHARTS_STORAGE: 'gcs', CHART_TEMPLATES_SOURCE: 'firestore' })).toMatchObject({
        ok: true,
        config: { bucket: 'charts-local', onlyEmulators: false, storage: { kind: 'gcs' }, templates: { from: 'firestore' } },
      });
    });

    it('is off once a Cloud Storage setting is given: the defaults are the deployed ones', () => {
      const cases = [
        { cloud: { CHARTS_BUCKET: 'gs://charts-e2e' }, onlyEmulators: false },
        { cloud: { CHARTS_BUCKET: 'gs://charts-e2e', STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9023' }, onlyEmulators: true },
      ];
      for (const { cloud, onlyEmulators } of cases) {
        const result = loadWorkerConfig({ ...EMULATOR, ...cloud, CHART_IMG_ACCOUNTS_JSON: ACCOUNTS });
        expect(result.ok && result.config).toMatchObject({
          embeddedDefault: false,
          onlyEmulators,
          bucket: 'charts-e2e',
          chartsApiMode: 'real',
          storage: { kind: 'gcs' },
          templates: { from: 'firestore' },
        });
      }
      expect(problemsOf({ ...EMULATOR, STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9023', CHARTS_API_MODE: 'mock' })).toEqual([
        'CHARTS_BUCKET is required (gs://<bucket>)',
      ]);
    });

    it('never applies to a real project, and local files are refused there', () => {
      expect(problemsOf({ GOOGLE_CLOUD_PROJECT: 'tda-prod' })).toEqual([
        'CHARTS_BUCKET is required (gs://<bucket>)',
        'CHART_IMG_ACCOUNTS_JSON is required when CHARTS_API_MODE=real',
      ]);
      expect(problemsOf({ ...minimal, CHARTS_STORAGE: 'local' })).toEqual([
        'CHARTS_STORAGE=local is refused without FIRESTORE_EMULATOR_HOST: a real project would be given gs:// URIs of files on this disk',
      ]);
      // Templates from a directory are the operator's explicit choice (the image holds none by default).
      expect(loadWorkerConfig({ ...minimal, CHART_TEMPLATES_SOURCE: 'files' })).toMatchObject({
        ok: true,
        config: { storage: { kind: 'gcs' }, templates: { from: 'files', dir: 'chart-templates' } },
      });
    });

    it('refuses unknown choices and a directory that the choice would ignore, naming variable and value', () => {
      expect(problemsOf({ ...EMULATOR, CHARTS_STORAGE: 'LOCAL', CHARTS_STORAGE_DIR: 'out', CHART_TEMPLATES_SOURCE: 'db' })).toEqual([
        'CHARTS_STORAGE "LOCAL" is not one of gcs, local',
        'CHART_TEMPLATES_SOURCE "db" is not one of firestore, files',
      ]);
      expect(problemsOf({ ...minimal, CHARTS_STORAGE_DIR: '.charts-out', CHART_TEMPLATES_DIR: 'chart-templates' })).toEqual([
        'CHARTS_STORAGE_DIR ".charts-out" is read only with CHARTS_STORAGE=local',
        'CHART_TEMPLATES_DIR "chart-templates" is read only with CHART_TEMPLATES_SOURCE=files',
      ]);
    });
  });

  it('refuses an empty accounts list in real mode', () => {
    expect(problemsOf({ ...minimal, CHART_IMG_ACCOUNTS_JSON: '[]' })).toEqual([
      'CHART_IMG_ACCOUNTS_JSON lists no account; CHARTS_API_MODE=real needs at least one',
    ]);
  });
});
