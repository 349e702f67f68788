import type { FirestoreTarget } from './resolve-firestore-target.js';
import type { SharedRunFlags, SharedRunSettings } from './shared-run-flags.js';

export const OUTPUT_SUMMARIES = ['none', 'text', 'json'] as const;
export type OutputSummary = (typeof OUTPUT_SUMMARIES)[number];

export const FLOW_RUN_SOURCES = ['file', 'firestore'] as const;
export const TEMPLATES_SOURCES = ['files', 'firestore'] as const;
export const ACCOUNT_USAGE_STORES = ['memory', 'firestore'] as const;
export type TemplatesSource = (typeof TEMPLATES_SOURCES)[number];
export type AccountUsageStore = (typeof ACCOUNT_USAGE_STORES)[number];

/** The flags of `run-local` as commander hands them over (defaults already applied). */
export interface RunLocalFlags extends SharedRunFlags {
  readonly flowRunPath?: string;
  readonly flowRunSource?: string;
  readonly runId?: string;
  readonly stepId?: string;
  readonly templatesSource?: string;
  readonly accountUsage?: string;
  readonly outputSummary: string;
  /** `--ohlcv-dir`: example OHLCV files (`<SYMBOL>_<timeframe>.json`); absent in commands without the flag. */
  readonly ohlcvDir?: string;
  readonly writeBack: boolean;
}

/** The flow_run to run: a JSON file, or `flow_runs/{runId}` in Firestore. */
export type FlowRunSource = { readonly from: 'file'; readonly path: string } | { readonly from: 'firestore'; readonly runId: string };

/** Everything `run-local` needs, resolved from flags and env and checked. */
export interface RunLocalConfig extends SharedRunSettings {
  readonly flowRun: FlowRunSource;
  readonly stepId?: string;
  readonly templatesSource: TemplatesSource;
  readonly accountUsage: AccountUsageStore;
  /** Present exactly when some source is Firestore. */
  readonly firestore?: FirestoreTarget;
  readonly outputSummary: OutputSummary;
  /** Example OHLCV files the local renderer falls back to when a step's own file cannot be read. */
  readonly ohlcvDir: string;
  readonly writeBack: boolean;
}
