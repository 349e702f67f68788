import {
  CHARTS_API_MODES,
  CHART_IMG_TIMEZONES,
  RENDER_FALLBACKS,
  parseAccountsConfig,
  parseBucketUri,
  type ChartImgAccount,
  type ChartsApiMode,
} from '@worker-chart-export/domain';
import { LOG_LEVELS, isLogLevel, type LogLevel } from '@worker-chart-export/adapter-logging';
import type { WorkerConfig, WorkerConfigResult, WorkerLimits } from './worker-config.js';
import { readLocalChoices } from './read-local-choices.js';
import { EMBEDDED_DEFAULTS, WORKER_DEFAULTS } from './worker-defaults.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks the worker's configuration from `env` without I/O. Every problem found is
 * reported, one line each, naming the variable and (except for secrets) its value; the worker
 * prints them and refuses to start.
 */
export function loadWorkerConfig(env: Env): WorkerConfigResult {
  const problems: string[] = [];
  const read = (name: string): string | undefined => nonEmpty(env[name]);

  const local = readLocalChoices(read, problems);
  const bucketUri = read('CHARTS_BUCKET') ?? (local.embeddedDefault ? EMBEDDED_DEFAULTS.bucket : undefined);
  let bucket = '';
  if (bucketUri === undefined) problems.push('CHARTS_BUCKET is required (gs://<bucket>)');
  else {
    const parsed = parseBucketUri(bucketUri);
    if (parsed.ok) bucket = parsed.bucket;
    else problems.push(`CHARTS_BUCKET: ${parsed.message}`);
  }

  const appEnv = read('ENV') ?? WORKER_DEFAULTS.env;
  const mode = read('CHARTS_API_MODE') ?? (local.embeddedDefault ? EMBEDDED_DEFAULTS.chartsApiMode : WORKER_DEFAULTS.chartsApiMode);
  if (!isChartsApiMode(mode)) problems.push(`CHARTS_API_MODE ${JSON.stringify(mode)} is not one of ${CHARTS_API_MODES.join(', ')}`);
  else if (mode === 'record' && appEnv === 'prod') problems.push('CHARTS_API_MODE=record is refused when ENV=prod');

  const fixturesReadOnly = read('CHARTS_FIXTURES_READ_ONLY') ?? 'false';
  if (fixturesReadOnly !== 'true' && fixturesReadOnly !== 'false') {
    problems.push(`CHARTS_FIXTURES_READ_ONLY ${JSON.stringify(fixturesReadOnly)} is not one of true, false`);
  } else if (fixturesReadOnly === 'true' && mode === 'record') {
    // The container image sets it: its fixtures belong to root and the worker runs as nonroot.
    problems.push('CHARTS_API_MODE=record is refused when CHARTS_FIXTURES_READ_ONLY=true: record saves fixtures, and they are read-only here');
  }

  const accounts = readAccounts(read('CHART_IMG_ACCOUNTS_JSON'), mode, problems);

  const renderFallback = read('CHART_RENDER_FALLBACK') ?? 'off';
  if (!(RENDER_FALLBACKS as readonly string[]).includes(renderFallback)) {
    problems.push(`CHART_RENDER_FALLBACK ${JSON.stringify(renderFallback)} is not one of ${RENDER_FALLBACKS.join(', ')}`);
  }

  const defaultTimezone = read('CHARTS_DEFAULT_TIMEZONE') ?? WORKER_DEFAULTS.defaultTimezone;
  if (!(CHART_IMG_TIMEZONES as readonly string[]).includes(defaultTimezone)) {
    problems.push(`CHARTS_DEFAULT_TIMEZONE ${JSON.stringify(defaultTimezone)} is not a timezone Chart-IMG supports`);
  }

  const baseUrl = read('CHART_IMG_BASE_URL');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) problems.push(`CHART_IMG_BASE_URL ${JSON.stringify(baseUrl)} is not an http(s) URL`);

  const logLevel = (read('LOG_LEVEL') ?? WORKER_DEFAULTS.logLevel).toLowerCase();
  if (!isLogLevel(logLevel)) problems.push(`LOG_LEVEL ${JSON.stringify(env['LOG_LEVEL'])} is not one of ${LOG_LEVELS.join(', ')}`);

  const int = integerReader(env, problems);
  const port = int('PORT', WORKER_DEFAULTS.port, 0, 65_535);
  const shutdownGraceMs = int('SHUTDOWN_GRACE_MS', WORKER_DEFAULTS.shutdownGraceMs, 0, 3_600_000);
  const limits: WorkerLimits = {
    concurrency: int('CHART_EXPORT_CONCURRENCY', WORKER_DEFAULTS.concurrency, 1, 64),
    maxAttemptsPerRequest: int('CHART_IMG_MAX_ATTEMPTS', WORKER_DEFAULTS.maxAttemptsPerRequest, 1, 10),
    attemptTimeoutMs: int('CHART_IMG_ATTEMPT_TIMEOUT_MS', WORKER_DEFAULTS.attemptTimeoutMs, 1, 600_000),
    stepDeadlineMs: int('CHART_EXPORT_STEP_DEADLINE_MS', WORKER_DEFAULTS.stepDeadlineMs, 1, 3_600_000),
    sweeperMaxAttempts: int('SWEEPER_MAX_ATTEMPTS', WORKER_DEFAULTS.sweeperMaxAttempts, 1, 100),
    leaseTtlMs: int('CHART_EXPORT_LEASE_TTL_MS', WORKER_DEFAULTS.leaseTtlMs, 1, 7_200_000),
  };
  if (limits.stepDeadlineMs < limits.attemptTimeoutMs) {
    problems.push(
      `CHART_EXPORT_STEP_DEADLINE_MS ${limits.stepDeadlineMs} is shorter than CHART_IMG_ATTEMPT_TIMEOUT_MS ${limits.attemptTimeoutMs}: no attempt could finish`,
    );
  }

  if (limits.leaseTtlMs <= limits.stepDeadlineMs) {
    problems.push(
      `CHART_EXPORT_LEASE_TTL_MS ${limits.leaseTtlMs} must exceed CHART_EXPORT_STEP_DEADLINE_MS ${limits.stepDeadlineMs}, or a running step could be re-driven`,
    );
  }

  if (problems.length > 0) return { ok: false, problems };
  const projectId = read('GOOGLE_CLOUD_PROJECT');
  const config: WorkerConfig = {
    bucket,
    ...local,
    chartsApiMode: mode as ChartsApiMode,
    ...(renderFallback === 'local' ? { renderFallback } : {}),
    accounts,
    defaultTimezone,
    firestoreDatabase: read('FIRESTORE_DATABASE') ?? WORKER_DEFAULTS.firestoreDatabase,
    ...(projectId === undefined ? {} : { projectId }),
    ...(baseUrl === undefined ? {} : { chartImgBaseUrl: baseUrl }),
    fixturesDir: read('CHARTS_FIXTURES_DIR') ?? WORKER_DEFAULTS.fixturesDir,
    port,
    host: read('HOST') ?? WORKER_DEFAULTS.host,
    logLevel: logLevel as LogLevel,
    env: appEnv,
    shutdownGraceMs,
    limits,
  };
  return { ok: true, config };
}

function readAccounts(json: string | undefined, mode: string, problems: string[]): readonly ChartImgAccount[] {
  if (json === undefined) {
    if (mode === 'real' || mode === 'record') problems.push(`CHART_IMG_ACCOUNTS_JSON is required when CHARTS_API_MODE=${mode}`);
    return [];
  }
  const parsed = parseAccountsConfig(json);
  if (!parsed.ok) {
    // parseAccountsConfig never quotes a key; the value of this variable is never echoed.
    problems.push(`CHART_IMG_ACCOUNTS_JSON: ${parsed.message}`);
    return [];
  }
  if (parsed.accounts.length === 0 && (mode === 'real' || mode === 'record')) {
    problems.push(`CHART_IMG_ACCOUNTS_JSON lists no account; CHARTS_API_MODE=${mode} needs at least one`);
  }
  return parsed.accounts;
}

/** A reader of integer variables that records a problem (and yields the default) for a bad value. */
function integerReader(env: Env, problems: string[]) {
  return (name: string, fallback: number, min: number, max: number): number => {
    const raw = nonEmpty(env[name]);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} ${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isChartsApiMode(value: string): value is ChartsApiMode {
  return (CHARTS_API_MODES as readonly string[]).includes(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
