export { createEventLog } from './create-event-log.js';
export type { EventLogOptions, FlushableEventLog } from './create-event-log.js';
export { traceFields } from './trace-fields.js';
export { LOG_LEVELS, isLogLevel } from './severity.js';
export type { LogLevel } from './severity.js';
