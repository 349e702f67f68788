import type { ClaimResult, FinalizeResult, FlowRunStore, LeaseFence, StepFinalization } from '@worker-chart-export/domain';

/**
 * A FlowRunStore that remembers whether this run claimed its step, so a failure can be told apart:
 * before the claim nothing changed (safe to have the event redelivered), after it the step is
 * RUNNING under a lease (a redelivery would be a no-op; the sweeper recovers it).
 */
export class ClaimWatchingFlowRunStore implements FlowRunStore {
  private claimedStep: string | undefined;

  constructor(private readonly inner: FlowRunStore) {}

  get claimed(): boolean {
    return this.claimedStep !== undefined;
  }

  get claimedStepId(): string | undefined {
    return this.claimedStep;
  }

  load(runId: string): Promise<unknown> {
    return this.inner.load(runId);
  }

  async claim(runId: string, stepId: string, at: Date): Promise<ClaimResult> {
    const result = await this.inner.claim(runId, stepId, at);
    if (result.type === 'claimed') this.claimedStep = stepId;
    return result;
  }

  /** Passes the lease fence on: the inner store checks it atomically with the write. */
  finalize(runId: string, stepId: string, result: StepFinalization, fence?: LeaseFence): Promise<FinalizeResult> {
    return this.inner.finalize(runId, stepId, result, fence);
  }
}
