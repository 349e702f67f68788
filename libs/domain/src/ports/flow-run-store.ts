import type { ChartExportOutputs, StepErrorObject, StepStatus } from '../contracts/flow-run.schema.js';
import type { LeaseFence } from './step-lease-store.js';

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
  | { readonly type: 'unchanged'; readonly status: StepStatus | undefined }
  /** The step's lease is gone or is another execution's: this execution lost the step, nothing written. */
  | { readonly type: 'fenced' };

/**
 * `flow_runs/{runId}`. The worker only moves READY -> RUNNING (claim) and RUNNING -> SUCCEEDED|FAILED (finalize).
 *
 * Rules every implementation keeps (`describeFlowRunStoreContract` checks them):
 * - a claim or finalize changes only that step's fields named below and the document's `updatedAt` (an RFC 3339
 *   UTC timestamp to the second, like every timestamp it writes); every other field and step stays as it was;
 * - each move is atomic: of concurrent claims (or finalizes) of one step, exactly one moves it and the others
 *   answer as if it had already moved;
 * - a run id or step id that names nothing (absent, or one the store cannot address) is no document: `load`
 *   answers undefined, `claim` `not-ready` and `finalize` `unchanged`, both with status undefined; so is a step
 *   whose status is not one of the known step statuses;
 * - errors of the store itself (unreachable database, unwritable file) reject.
 */
export interface FlowRunStore {
  /** A copy of the raw document (validated by the domain), or undefined when absent. */
  load(runId: string): Promise<unknown>;
  /** READY -> RUNNING with `updatedAt = at`: `claimed`; a step in any other status: `not-ready` with that status. */
  claim(runId: string, stepId: string, at: Date): Promise<ClaimResult>;
  /**
   * RUNNING -> `result.status`: sets `finishedAt` and `updatedAt` to `result.finishedAt`, sets each key of
   * `result.outputs` in the step's `outputs` (keys it does not carry are kept), and sets `error` to
   * `result.error` (removed when there is none); answers `written`. A step not RUNNING (a repeated finalize
   * included) is left as it is: `unchanged` with its status.
   *
   * With a `fence`, the store writes only while the step's lease is that owner's and attempt's, checked
   * atomically with the write, and answers `fenced` (nothing written) otherwise; the lease check comes before
   * the status check. Stores shared between processes (Firestore: one transaction over the flow_run and the
   * lease) always check it. The file store, whose leases live in the memory of the one process that uses it,
   * passes the fence over: that process's use case confirms its lease right before finalizing and no other
   * process can take it (the in-memory store does the same unless told to check fences). A decorator passes the
   * fence on.
   */
  finalize(runId: string, stepId: string, result: StepFinalization, fence?: LeaseFence): Promise<FinalizeResult>;
}
export const FlowRunStore = Symbol.for('worker-chart-export.FlowRunStore');
