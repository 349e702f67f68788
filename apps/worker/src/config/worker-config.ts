import type { ChartImgAccount, ChartsApiMode } from '@worker-chart-export/domain';
import type { LogLevel } from '@worker-chart-export/adapter-logging';

/** Bounds of one step's work and of the sweeper, from the `CHART_*` / `SWEEPER_*` variables. */
export interface WorkerLimits {
  /** `CHART_EXPORT_CONCURRENCY`: requests of a step rendered at once. */
  readonly concurrency: number;
  /** `CHART_IMG_MAX_ATTEMPTS`: HTTP attempts per logical request, across accounts. */
  readonly maxAttemptsPerRequest: number;
  /** `CHART_IMG_ATTEMPT_TIMEOUT_MS`. */
  readonly attemptTimeoutMs: number;
  /** `CHART_EXPORT_STEP_DEADLINE_MS`: keep it below the Cloud Run request timeout. */
  readonly stepDeadlineMs: number;
  /** `SWEEPER_MAX_ATTEMPTS`: a step whose lease expired this often is FAILED instead of re-driven. */
  readonly sweeperMaxAttempts: number;
  /** `CHART_EXPORT_LEASE_TTL_MS`: a step's lease; longer than the step deadline. */
  readonly leaseTtlMs: number;
}

/** Where PNGs and manifests go: Cloud Storage, or files `<dir>/<bucket>/<object>` (`CHARTS_STORAGE`). */
export type WorkerStorage = { readonly kind: 'gcs' } | { readonly kind: 'local'; readonly dir: string };

/** Where chart templates come from: `chart_templates/{id}` in Firestore, or `<dir>/<id>.json` (`CHART_TEMPLATES_SOURCE`). */
export type WorkerTemplates = { readonly from: 'firestore' } | { readonly from: 'files'; readonly dir: string };

/** Everything the worker reads from its environment, checked at start. */
export interface WorkerConfig {
  /** `CHARTS_BUCKET` without `gs://`. */
  readonly bucket: string;
  /**
   * Whether the embedded default is on: the Firestore emulator, and neither `CHARTS_BUCKET` nor
   * `STORAGE_EMULATOR_HOST` given. It changes defaults only (mock Chart-IMG, local files, templates from files).
   */
  readonly embeddedDefault: boolean;
  /**
   * Firestore is the emulator and blobs are local files or the storage emulator: no Google credentials are
   * needed anywhere, so the SDKs need not probe the GCE metadata server for them.
   */
  readonly onlyEmulators: boolean;
  readonly storage: WorkerStorage;
  readonly templates: WorkerTemplates;
  readonly chartsApiMode: ChartsApiMode;
  /** `CHART_RENDER_FALLBACK=local`: a request Chart-IMG cannot serve is drawn by the local renderer. Absent: off. */
  readonly renderFallback?: 'local';
  /** `CHART_IMG_ACCOUNTS_JSON` parsed; empty in mock mode without the variable. Holds secrets: never log it. */
  readonly accounts: readonly ChartImgAccount[];
  readonly defaultTimezone: string;
  readonly firestoreDatabase: string;
  /** `GOOGLE_CLOUD_PROJECT`; absent: the SDK discovers it, and trace ids take the event's project. */
  readonly projectId?: string;
  readonly chartImgBaseUrl?: string;
  /** `CHARTS_FIXTURES_DIR`: fixtures of mock and record mode. */
  readonly fixturesDir: string;
  /** `PORT`; 0 picks a free port (tests). */
  readonly port: number;
  /** `HOST`: the interface to listen on; `0.0.0.0` on Cloud Run, `127.0.0.1` in tests. */
  readonly host: string;
  readonly logLevel: LogLevel;
  /** `ENV`: `prod`, `staging`, `dev` ... the `env` of every log line. */
  readonly env: string;
  /** `SHUTDOWN_GRACE_MS`: how long SIGTERM waits for running steps (Cloud Run kills 10 s after SIGTERM). */
  readonly shutdownGraceMs: number;
  readonly limits: WorkerLimits;
}

export type WorkerConfigResult = { readonly ok: true; readonly config: WorkerConfig } | { readonly ok: false; readonly problems: readonly string[] };
