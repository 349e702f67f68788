import type { EventLog, Severity } from '../ports/event-log.js';

export interface RecordedEvent {
  readonly severity: Severity;
  readonly event: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** An EventLog that keeps every event (with inherited child fields) for assertions. */
export class RecordingEventLog implements EventLog {
  constructor(
    readonly events: RecordedEvent[] = [],
    private readonly inherited: Record<string, unknown> = {},
  ) {}

  log(severity: Severity, event: string, message: string, fields: Record<string, unknown> = {}): void {
    this.events.push({ severity, event, message, fields: { ...this.inherited, ...fields } });
  }

  child(fields: Record<string, unknown>): EventLog {
    return new RecordingEventLog(this.events, { ...this.inherited, ...fields });
  }

  named(event: string): RecordedEvent[] {
    return this.events.filter((e) => e.event === event);
  }
}
