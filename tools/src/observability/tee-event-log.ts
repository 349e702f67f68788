import type { EventLog, Severity } from '@worker-chart-export/domain';

/** An EventLog that writes every event to each of `logs` (a RecordingEventLog and the winston one, say). */
export class TeeEventLog implements EventLog {
  constructor(private readonly logs: readonly EventLog[]) {}

  log(severity: Severity, event: string, message: string, fields?: Record<string, unknown>): void {
    for (const log of this.logs) log.log(severity, event, message, fields);
  }

  child(fields: Record<string, unknown>): EventLog {
    return new TeeEventLog(this.logs.map((log) => log.child(fields)));
  }
}
