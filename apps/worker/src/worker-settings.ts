import { DEFAULT_CHART_EXPORT_SETTINGS, type ChartExportSettings, type SweepSettings } from '@worker-chart-export/domain';
import type { WorkerConfig } from './config/worker-config.js';

/** Leases settled per `POST /sweep`; the scheduler's next call takes the rest. */
export const SWEEP_BATCH_SIZE = 20;

/** The use case's settings from the worker's configuration. */
export function chartExportSettings(config: WorkerConfig): ChartExportSettings {
  return {
    ...DEFAULT_CHART_EXPORT_SETTINGS,
    bucket: config.bucket,
    defaultTimezone: config.defaultTimezone,
    concurrency: config.limits.concurrency,
    maxAttemptsPerRequest: config.limits.maxAttemptsPerRequest,
    attemptTimeoutMs: config.limits.attemptTimeoutMs,
    stepDeadlineMs: config.limits.stepDeadlineMs,
    leaseTtlMs: config.limits.leaseTtlMs,
    ...(config.renderFallback === undefined ? {} : { renderFallback: config.renderFallback }),
  };
}

export function sweepSettings(config: WorkerConfig): SweepSettings {
  return { maxAttempts: config.limits.sweeperMaxAttempts, batchSize: SWEEP_BATCH_SIZE };
}
