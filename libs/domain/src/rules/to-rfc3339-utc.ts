/**
 * RFC 3339 in UTC with second precision, e.g. `2025-12-15T10:26:12Z`: the shape of every timestamp the
 * worker writes (manifest, flow_run). Throws a RangeError for an invalid Date.
 */
export function toRfc3339Utc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
