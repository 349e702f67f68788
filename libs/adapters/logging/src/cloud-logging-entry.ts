import type { Severity } from '@worker-chart-export/domain';

/** The keys every entry starts with; fields may not override them. */
const RESERVED = new Set(['severity', 'message', 'time', 'service', 'env', 'event']);

export interface EntryParts {
  readonly severity: Severity;
  readonly message: string;
  readonly time: Date;
  readonly service: string;
  readonly env: string;
  readonly event: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * One log entry in Cloud Logging's structured shape: `severity`, `message`, `time`, `service`,
 * `env`, `event` first, then the fields (`runId`, `stepId`, `chartsApi`, `error` ...).
 */
export function cloudLoggingEntry(parts: EntryParts): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    severity: parts.severity,
    message: parts.message,
    time: parts.time.toISOString(),
    service: parts.service,
    env: parts.env,
    event: parts.event,
  };
  for (const [key, value] of Object.entries(parts.fields)) {
    if (!RESERVED.has(key)) entry[key] = value;
  }
  return entry;
}
