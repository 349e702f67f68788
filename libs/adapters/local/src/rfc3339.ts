/** `2025-12-15T10:26:15Z`: RFC 3339 UTC at second precision, as flow_run timestamps are written. */
export function toRfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
