import type { Severity } from '@worker-chart-export/domain';

/** The configured minimum level, in the names operators type (`LOG_LEVEL`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** winston's level name for each Cloud Logging severity. */
export const WINSTON_LEVEL_OF: Readonly<Record<Severity, LogLevel>> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
};

/** winston's priorities: lower is more severe. */
export const WINSTON_LEVELS: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

/** true when an event of `severity` passes a logger configured at `level`. */
export function isEnabled(severity: Severity, level: LogLevel): boolean {
  return WINSTON_LEVELS[WINSTON_LEVEL_OF[severity]] <= WINSTON_LEVELS[level];
}

/** true when `value` names a level (for validating `LOG_LEVEL`). */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
