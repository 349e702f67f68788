import { DEFAULT_CHART_EXPORT_SETTINGS } from '@worker-chart-export/domain';

/** Defaults of the optional variables (the bucket and, outside mock mode, the accounts have none). */
export const WORKER_DEFAULTS = {
  chartsApiMode: 'real',
  storage: 'gcs',
  templatesSource: 'firestore',
  defaultTimezone: DEFAULT_CHART_EXPORT_SETTINGS.defaultTimezone,
  firestoreDatabase: '(default)',
  fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
  storageDir: '.charts-out',
  templatesDir: 'chart-templates',
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

/**
 * The embedded default, the CLI's `run-local` default: what changes when the worker runs against the
 * Firestore emulator and no Cloud Storage setting is given. flow_runs, leases and account usage stay in
 * Firestore (the emulator).
 */
export const EMBEDDED_DEFAULTS = {
  bucket: 'gs://charts-local',
  chartsApiMode: 'mock',
  storage: 'local',
  templatesSource: 'files',
} as const;
