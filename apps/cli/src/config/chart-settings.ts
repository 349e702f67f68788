import type { ChartsApiMode, RenderFallback } from '@worker-chart-export/domain';
import type { LogLevel } from '@worker-chart-export/adapter-logging';

/** Where the Chart-IMG accounts come from: the file wins over the env variable. */
export type AccountsSource = { readonly from: 'file'; readonly path: string } | { readonly from: 'env'; readonly json: string } | { readonly from: 'none' };

/** The flags every command that renders charts (`run-local`, `sweep`) shares. */
export interface ChartFlags {
  readonly chartsApiMode?: string;
  readonly chartsBucket?: string;
  readonly accountsConfigPath?: string;
  /** `--storage local|gcs`: where PNGs and manifests go. */
  readonly storage?: string;
  /** `--allow-test-outputs`: lets fixture images or local files finalize steps of a real Firestore project. */
  readonly allowTestOutputs?: boolean;
}

/** The rendering settings resolved from {@link ChartFlags} and the environment. */
export interface ChartSettings {
  readonly chartsApiMode: ChartsApiMode;
  /** Bucket name, without `gs://`. */
  readonly bucket: string;
  readonly accounts: AccountsSource;
  /** `CHART_IMG_BASE_URL`, when set. */
  readonly chartImgBaseUrl?: string;
  readonly defaultTimezone: string;
  /** `ENV`: the `env` of every log line; `record` is refused when it is `prod`. */
  readonly env: string;
  readonly logLevel: LogLevel;
  /** `CHART_RENDER_FALLBACK`: `local` draws a request locally when Chart-IMG cannot serve it (real and record mode). */
  readonly renderFallback: RenderFallback;
}
