/** Why a flow_run file cannot be used (the CLI exits 2 on any of them). */
export type FlowRunFileErrorKind = 'missing' | 'unreadable' | 'too-large' | 'not-json' | 'too-deep' | 'not-an-object';

/**
 * A flow_run file that is missing, unreadable, over the size limit, not JSON, nested too deep, or not an object
 * whose `steps` is an object.
 */
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
