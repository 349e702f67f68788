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
  stepClaimFailed: 'step.claim_failed',
  stepInvalid: 'step.validation_failed',
  requestInvalid: 'request.validation_failed',
  chartCallStarted: 'chart_api.call.started',
  chartCallFinished: 'chart_api.call.finished',
  accountsExhausted: 'chart_api.accounts_exhausted',
  accountRecordFailed: 'chart_api.account_record_failed',
  localRenderFinished: 'chart.local_render.finished',
  requestFailed: 'request.failed',
  pngStored: 'png.stored',
  pngReused: 'png.reused',
  pngLookupFailed: 'png.lookup_failed',
  manifestWritten: 'manifest.written',
  manifestWriteFailed: 'manifest.write_failed',
  stepCompleted: 'step.completed',
  stepFinalizeUnchanged: 'step.finalize_unchanged',
  stepFinalizeTimedOut: 'step.finalize_timed_out',
  stepRedriven: 'step.redriven',
  stepLeaseExhausted: 'step.lease_exhausted',
  leaseLost: 'lease.lost',
  leaseRenewFailed: 'lease.renew_failed',
  leaseRecordFailed: 'lease.record_failed',
  leaseCheckFailed: 'lease.check_failed',
  leaseReleaseFailed: 'lease.release_failed',
  sweepFailed: 'sweep.failed',
  sweepDeferred: 'sweep.deferred',
} as const;

export type LogEventName = (typeof LOG_EVENTS)[keyof typeof LOG_EVENTS];
