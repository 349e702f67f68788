/** Why a flow_run file cannot be used (DECISIONS D8: the CLI exits 2 on any of them). */
export type FlowRunFileErrorKind = 'missing' | 'unreadable' | 'not-json' | 'not-an-object';

/** A flow_run file that is missing, unreadable, not JSON, or not an object whose `steps` is an object. */
export class FlowRunFileError extends Error {
  override readonly name = 'FlowRunFileError';

  constructor(
    readonly kind: FlowRunFileErrorKind,
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** true for a {@link FlowRunFileError}. */
export function isFlowRunFileError(error: unknown): error is FlowRunFileError {
  return error instanceof FlowRunFileError;
}
