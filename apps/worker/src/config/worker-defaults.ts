import { DEFAULT_CHART_EXPORT_SETTINGS } from '@worker-chart-export/domain';

/** Defaults of the optional variables (the bucket and, outside mock mode, the accounts have none). */
export const WORKER_DEFAULTS = {
  chartsApiMode: 'real',
  defaultTimezone: DEFAULT_CHART_EXPORT_SETTINGS.defaultTimezone,
  firestoreDatabase: '(default)',
  fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
  port: 8080,
  host: '0.0.0.0',
  logLevel: 'info',
  env: 'dev',
  shutdownGraceMs: 9_000,
  concurrency: DEFAULT_CHART_EXPORT_SETTINGS.concurrency,
  maxAttemptsPerRequest: DEFAULT_CHART_EXPORT_SETTINGS.maxAttemptsPerRequest,
  attemptTimeoutMs: DEFAULT_CHART_EXPORT_SETTINGS.attemptTimeoutMs,
  stepDeadlineMs: DEFAULT_CHART_EXPORT_SETTINGS.stepDeadlineMs,
  sweeperMaxAttempts: 3,
  leaseTtlMs: DEFAULT_CHART_EXPORT_SETTINGS.leaseTtlMs,
} as const;
