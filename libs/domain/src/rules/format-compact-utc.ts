/**
 * `YYYYMMDD-HHmmss` in UTC, the timestamp inside PNG file names (docs/design.md#object-paths).
 * Sub-second precision is dropped, so it names the same second as {@link toRfc3339Utc}.
 * Throws a RangeError for an invalid Date (a broken clock is a programming error).
 */
export function formatCompactUtc(date: Date): string {
  const iso = date.toISOString(); // 2025-12-15T10:26:12.345Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}
