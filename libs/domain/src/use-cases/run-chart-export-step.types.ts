import type { ChartExportUsage } from '../contracts/flow-run.schema.js';
import type { ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import type { DomainError } from '../errors/error-codes.js';
import type { AccountPool } from '../ports/account-pool.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { ChartApi, ChartsApiMode } from '../ports/chart-api.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { FlowRunStore } from '../ports/flow-run-store.js';
import type { LocalRenderer, RenderFallback } from '../ports/local-renderer.js';
import type { StepLeaseStore } from '../ports/step-lease-store.js';
import type { TemplateRepo } from '../ports/template-repo.js';

export interface RunChartExportStepDeps {
  readonly flowRuns: FlowRunStore;
  readonly templates: TemplateRepo;
  readonly blobs: BlobStore;
  readonly chartApi: ChartApi;
  readonly accounts: AccountPool;
  readonly leases: StepLeaseStore;
  readonly clock: Clock;
  readonly log: EventLog;
  /** Who holds the lease: instance id of the worker or CLI process. */
  readonly owner: string;
  /** Jitter source; injectable for tests. */
  readonly random?: () => number;
  /** Draws charts without Chart-IMG: required in `local` mode and with `renderFallback: 'local'`. */
  readonly localRenderer?: LocalRenderer;
}

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
  /** This execution's lease was taken over while it worked: it wrote no manifest and no finalize. */
  | 'lease-lost'
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
  /**
   * Wall-clock budget of a step from its claim: rendering, PNG uploads, manifest and finalize each end by
   * their share of it.
   */
  readonly stepDeadlineMs: number;
  /**
   * The most requests of a step in flight at once (a safety cap). Within it, a step renders as many at once as
   * the accounts' plans allow right now (their burst left), and at least one.
   */
  readonly concurrency: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long a step's lease lasts between renewals (renewed every third of it while the step works). */
  readonly leaseTtlMs: number;
  /** `local`: a request Chart-IMG cannot serve is drawn by the local renderer. Default `off`. */
  readonly renderFallback?: RenderFallback;
}

export const DEFAULT_CHART_EXPORT_SETTINGS: Omit<ChartExportSettings, 'bucket'> = {
  defaultTimezone: 'Etc/UTC',
  maxAttemptsPerRequest: 3,
  attemptTimeoutMs: 30_000,
  stepDeadlineMs: 240_000,
  concurrency: 8,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
  leaseTtlMs: 300_000,
};
