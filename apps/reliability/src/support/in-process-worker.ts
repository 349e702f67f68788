import type { Firestore } from '@google-cloud/firestore';
import {
  DEFAULT_CHART_EXPORT_SETTINGS,
  RunChartExportStep,
  SweepStaleSteps,
  type ChartExportSettings,
  type ChartImgAccount,
  type Clock,
} from '@worker-chart-export/domain';
import { RecordingEventLog } from '@worker-chart-export/domain/testing';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { FirestoreAccountPool, FirestoreFlowRunStore, FirestoreStepLeaseStore, FirestoreTemplateRepo } from '@worker-chart-export/adapter-firestore';
import { GcsBlobStore, createStorage } from '@worker-chart-export/adapter-gcs';
import { BUCKET } from './chart-step.js';

/** Settings of in-process runs: short backoffs and deadlines, so every scenario stays within seconds. */
export const FAST_SETTINGS: ChartExportSettings = {
  ...DEFAULT_CHART_EXPORT_SETTINGS,
  bucket: BUCKET,
  concurrency: 4,
  maxAttemptsPerRequest: 3,
  attemptTimeoutMs: 1_500,
  stepDeadlineMs: 6_000,
  backoffBaseMs: 50,
  backoffMaxMs: 200,
  leaseTtlMs: 10_000,
};

/** One worker's composition in this process: the production adapters on the emulator and the fakes. */
export interface InProcessWorker {
  readonly runStep: RunChartExportStep;
  readonly log: RecordingEventLog;
  sweep(maxAttempts?: number): ReturnType<SweepStaleSteps['sweep']>;
}

export interface InProcessWorkerOptions {
  readonly db: Firestore;
  readonly gcsUrl: string;
  readonly chartImgUrl: string;
  readonly accounts: readonly ChartImgAccount[];
  readonly clock: Clock;
  readonly owner: string;
  readonly settings?: Partial<ChartExportSettings>;
  /** GCS retries per upload (the worker's default is 2). */
  readonly gcsMaxRetries?: number;
}

/**
 * `RunChartExportStep` (and the sweeper) composed as the worker composes them, with FirestoreFlowRunStore,
 * FirestoreStepLeaseStore, FirestoreTemplateRepo and FirestoreAccountPool on `db`, GcsBlobStore on the fake
 * GCS and GotChartApi on the Chart-IMG spy; logs are recorded.
 */
export function inProcessWorker(options: InProcessWorkerOptions): InProcessWorker {
  const { db, clock } = options;
  const log = new RecordingEventLog();
  const settings = { ...FAST_SETTINGS, ...options.settings };
  const leases = new FirestoreStepLeaseStore(db);
  const flowRuns = new FirestoreFlowRunStore(db);
  const runStep = new RunChartExportStep(
    {
      flowRuns,
      templates: new FirestoreTemplateRepo(db),
      blobs: new GcsBlobStore(createStorage({ apiEndpoint: options.gcsUrl, projectId: 'demo-reliability', maxRetries: options.gcsMaxRetries ?? 2 })),
      chartApi: new GotChartApi({ baseUrl: options.chartImgUrl, keyring: new AccountKeyring(options.accounts), clock }),
      accounts: new FirestoreAccountPool(db, options.accounts, clock),
      leases,
      clock,
      log,
      owner: options.owner,
    },
    settings,
  );
  return {
    runStep,
    log,
    sweep: (maxAttempts = 3) => new SweepStaleSteps({ leases, flowRuns, clock, log, runStep }, { maxAttempts, batchSize: 20 }).sweep(),
  };
}
