export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/**
 * Structured log events. `event` is a stable name from the catalog (e.g. `step.claimed`);
 * `fields` carry ids (`runId`, `stepId` ...), `chartsApi.*`, `error.*`. Never secrets.
 */
export interface EventLog {
  log(severity: Severity, event: string, message: string, fields?: Record<string, unknown>): void;
  /** A log that adds `fields` to every event. */
  child(fields: Record<string, unknown>): EventLog;
}
export const EventLog = Symbol.for('worker-chart-export.EventLog');
