import type { ChartExportOutputs, StepErrorObject, StepStatus } from '../contracts/flow-run.schema.js';

export type ClaimResult =
  | { readonly type: 'claimed' }
  /** The step was no longer READY (another worker won, or it finished). */
  | { readonly type: 'not-ready'; readonly status: StepStatus | undefined };

export interface StepFinalization {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly finishedAt: Date;
  readonly outputs: ChartExportOutputs;
  readonly error?: StepErrorObject;
}

export type FinalizeResult =
  | { readonly type: 'written' }
  /** Not RUNNING any more: repeated finalize is a no-op. */
  | { readonly type: 'unchanged'; readonly status: StepStatus | undefined };

/**
 * `flow_runs/{runId}`. The worker only moves READY -> RUNNING (claim) and
 * RUNNING -> SUCCEEDED|FAILED (finalize), touching only that step and `updatedAt`.
 */
export interface FlowRunStore {
  /** The raw document (validated by the domain), or undefined when absent. */
  load(runId: string): Promise<unknown>;
  claim(runId: string, stepId: string, at: Date): Promise<ClaimResult>;
  finalize(runId: string, stepId: string, result: StepFinalization): Promise<FinalizeResult>;
}
export const FlowRunStore = Symbol.for('worker-chart-export.FlowRunStore');
