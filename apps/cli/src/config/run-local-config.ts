import type { ChartsApiMode } from '@worker-chart-export/domain';
import type { LogLevel } from '@worker-chart-export/adapter-logging';

export const OUTPUT_SUMMARIES = ['none', 'text', 'json'] as const;
export type OutputSummary = (typeof OUTPUT_SUMMARIES)[number];

/** The flags of `run-local` as commander hands them over (defaults already applied). */
export interface RunLocalFlags {
  readonly flowRunPath: string;
  readonly stepId?: string;
  readonly chartsApiMode?: string;
  readonly chartsBucket?: string;
  readonly accountsConfigPath?: string;
  readonly outputSummary: string;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storageDir: string;
  readonly writeBack: boolean;
}

/** Where the Chart-IMG accounts come from: the file wins over the env variable. */
export type AccountsSource =
  | { readonly from: 'file'; readonly path: string }
  | { readonly from: 'env'; readonly json: string }
  | { readonly from: 'none' };

/** Everything `run-local` needs, resolved from flags and env and checked. */
export interface RunLocalConfig {
  readonly flowRunPath: string;
  readonly stepId?: string;
  readonly chartsApiMode: ChartsApiMode;
  /** Bucket name, without `gs://`. */
  readonly bucket: string;
  readonly accounts: AccountsSource;
  readonly outputSummary: OutputSummary;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storageDir: string;
  readonly writeBack: boolean;
  /** `CHART_IMG_BASE_URL`, when set. */
  readonly chartImgBaseUrl?: string;
  readonly defaultTimezone: string;
  /** `ENV`: the `env` of every log line; `record` is refused when it is `prod`. */
  readonly env: string;
  readonly logLevel: LogLevel;
}
