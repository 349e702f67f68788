/**
 * The log event catalog: every structured event the use case emits, by stable name.
 * Adapters and apps add their own (`event.received`, `worker.started` ...) in their packages.
 */
export const LOG_EVENTS = {
  stepNoop: 'step.noop',
  stepUnknownDependency: 'step.dependency_unknown',
  stepClaimed: 'step.claimed',
  stepClaimLost: 'step.claim_lost',
  stepClaimAdopted: 'step.claim_adopted',
  stepInvalid: 'step.validation_failed',
  chartCallStarted: 'chart_api.call.started',
  chartCallFinished: 'chart_api.call.finished',
  accountsExhausted: 'chart_api.accounts_exhausted',
  requestFailed: 'request.failed',
  pngStored: 'png.stored',
  pngReused: 'png.reused',
  manifestWritten: 'manifest.written',
  manifestWriteFailed: 'manifest.write_failed',
  stepCompleted: 'step.completed',
  stepFinalizeUnchanged: 'step.finalize_unchanged',
  stepRedriven: 'step.redriven',
  stepLeaseExhausted: 'step.lease_exhausted',
  sweepFailed: 'sweep.failed',
} as const;

export type LogEventName = (typeof LOG_EVENTS)[keyof typeof LOG_EVENTS];
