/** The worker app's own log events (the use case's are in the domain's `LOG_EVENTS`). */
export const WORKER_LOG_EVENTS = {
  started: 'worker.started',
  ready: 'worker.ready',
  stopping: 'worker.stopping',
  stopped: 'worker.stopped',
  startFailed: 'worker.start_failed',
  configInvalid: 'worker.config_invalid',
  eventReceived: 'event.received',
  eventParsed: 'event.parsed',
  eventSkipped: 'event.skipped',
  eventRejected: 'event.rejected',
  eventHandled: 'event.handled',
  eventFailed: 'event.failed',
  eventRefused: 'event.refused_draining',
  sweepFinished: 'sweep.finished',
  sweepError: 'sweep.error',
  httpError: 'http.error',
} as const;
