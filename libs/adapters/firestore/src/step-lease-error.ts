/** A lease operation on a lease that is gone or held by another worker. */
export class StepLeaseError extends Error {
  override readonly name = 'StepLeaseError';

  constructor(
    readonly reason: 'not-found' | 'owned-by-other',
    readonly runId: string,
    readonly stepId: string,
    message: string,
  ) {
    super(message);
  }
}

/** true for a {@link StepLeaseError}. */
export function isStepLeaseError(error: unknown): error is StepLeaseError {
  return error instanceof StepLeaseError;
}
