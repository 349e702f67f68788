const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day holding `now`, the window of an account's daily quota (docs/design.md#reserving-quota). */
export function utcDayWindow(now: Date): { start: Date; end: Date; startIso: string } {
  const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(startMs);
  return { start, end: new Date(startMs + DAY_MS), startIso: start.toISOString() };
}
