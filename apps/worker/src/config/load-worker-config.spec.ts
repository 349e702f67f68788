import { describe, expect, it } from '@jest/globals';
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
        limits: { concurrency: 4, maxAttemptsPerRequest: 3, attemptTimeoutMs: 30000, stepDeadlineMs: 240000, sweeperMaxAttempts: 3, leaseTtlMs: 300_000 },
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

  it('requires the bucket and, in real mode, the accounts', () => {
    expect(problemsOf({})).toEqual([
      'CHARTS_BUCKET is required (gs://<bucket>)',
      'CHART_IMG_ACCOUNTS_JSON is required when CHARTS_API_MODE=real',
    ]);
  });

  it('refuses record mode when ENV=prod', () => {
    expect(problemsOf({ ...minimal, CHARTS_API_MODE: 'record', ENV: 'prod' })).toEqual(['CHARTS_API_MODE=record is refused when ENV=prod']);
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
      'CHARTS_API_MODE "live" is not one of real, mock, record',
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

  it('refuses an empty accounts list in real mode', () => {
    expect(problemsOf({ ...minimal, CHART_IMG_ACCOUNTS_JSON: '[]' })).toEqual([
      'CHART_IMG_ACCOUNTS_JSON lists no account; CHARTS_API_MODE=real needs at least one',
    ]);
  });
});
