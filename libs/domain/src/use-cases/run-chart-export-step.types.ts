import type { ChartExportUsage } from '../contracts/flow-run.schema.js';
import type { ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import type { DomainError } from '../errors/error-codes.js';
import type { ChartsApiMode } from '../ports/chart-api.js';

export interface RunChartExportStepCommand {
  readonly runId: string;
  /** Run this step (it must be a CHART_EXPORT step); otherwise the first READY one by stepId. */
  readonly stepId?: string;
}

export type NoopReason =
  | 'flow-run-not-found'
  | 'no-ready-step'
  | 'step-not-ready'
  | 'dependencies-unmet'
  | 'claim-lost'
  | 'step-not-found'
  | 'not-chart-export';

/** Per-step account usage, also written to `steps[stepId].outputs.usage`. */
export type StepUsageSummary = ChartExportUsage;

export type RunChartExportStepResult =
  | {
      readonly status: 'NOOP';
      readonly reason: NoopReason;
      readonly message: string;
      readonly runId: string;
      readonly stepId?: string;
    }
  | {
      readonly status: 'SUCCEEDED' | 'FAILED';
      readonly runId: string;
      readonly flowKey: string;
      readonly stepId: string;
      readonly chartsApiMode: ChartsApiMode;
      readonly minImages: number;
      readonly itemsCount: number;
      readonly failuresCount: number;
      /** Absent when the manifest could not be written. */
      readonly outputsManifestGcsUri?: string;
      readonly manifest?: ChartsOutputsManifest;
      /** The object paths of the stored PNGs, in request order. */
      readonly pngObjectPaths: readonly string[];
      readonly error?: DomainError;
      readonly usage: StepUsageSummary;
    };

/** Settings of a run that are not ports. */
export interface ChartExportSettings {
  /** `gs://` bucket name without scheme. */
  readonly bucket: string;
  readonly defaultTimezone: string;
  /** At most this many HTTP attempts per logical request, across accounts. */
  readonly maxAttemptsPerRequest: number;
  readonly attemptTimeoutMs: number;
  /** Wall-clock budget of a step's rendering phase. */
  readonly stepDeadlineMs: number;
  /** How many requests of a step render at once. */
  readonly concurrency: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long a step's lease lasts; must exceed the step deadline, or a live run could be re-driven. */
  readonly leaseTtlMs: number;
}

export const DEFAULT_CHART_EXPORT_SETTINGS: Omit<ChartExportSettings, 'bucket'> = {
  defaultTimezone: 'Etc/UTC',
  maxAttemptsPerRequest: 3,
  attemptTimeoutMs: 30_000,
  stepDeadlineMs: 240_000,
  concurrency: 4,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
  leaseTtlMs: 300_000,
};
