import type { Candle } from './candles.js';

/** A labelled tick of the time axis, at a candle's index in the visible window. */
export interface TimeTick {
  readonly index: number;
  readonly label: string;
}

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Tick spacings TradingView uses, shortest first; months and years are calendar units.
const SPACINGS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];

function localTimes(candles: readonly Candle[], timezone: string): LocalTime[] {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  return candles.map((candle) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(candle.time)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return { year: parts['year'] ?? 0, month: parts['month'] ?? 1, day: parts['day'] ?? 1, hour: parts['hour'] ?? 0, minute: parts['minute'] ?? 0 };
  });
}

// The bucket a local time falls in for a spacing: a new bucket starts a tick.
function bucketOf(time: LocalTime, spacing: number): number {
  if (spacing >= 365 * DAY) return time.year;
  if (spacing >= 91 * DAY) return time.year * 4 + Math.floor((time.month - 1) / 3);
  if (spacing >= 30 * DAY) return time.year * 12 + time.month;
  const localMs = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  // Weeks start on Monday (1970-01-05 was one).
  if (spacing === 7 * DAY) return Math.floor((localMs - 4 * DAY) / spacing);
  return Math.floor(localMs / spacing);
}

function labelOf(time: LocalTime, previous: LocalTime | undefined, spacing: number): string {
  const newYear = previous !== undefined && previous.year !== time.year;
  const newMonth = previous !== undefined && (newYear || previous.month !== time.month);
  const newDay = previous !== undefined && (newMonth || previous.day !== time.day);
  if (spacing >= 30 * DAY) return newYear || time.month === 1 ? String(time.year) : (MONTHS[time.month - 1] ?? '');
  if (spacing >= DAY) return newMonth ? (newYear ? String(time.year) : (MONTHS[time.month - 1] ?? '')) : String(time.day);
  if (newDay) return `${time.day} ${MONTHS[time.month - 1] ?? ''}`;
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/**
 * Ticks of the time axis in `timezone`: the shortest calendar spacing that leaves at least `minGapPx` between
 * labels, a tick where a new spacing bucket starts (a new day shows its date, a new month its name, as
 * TradingView does).
 */
export function timeTicks(candles: readonly Candle[], timezone: string, barWidthPx: number, minGapPx = 80): TimeTick[] {
  if (candles.length === 0) return [];
  const times = localTimes(candles, timezone);
  const barMs = candles.length > 1 ? ((candles[candles.length - 1]?.time ?? 0) - (candles[0]?.time ?? 0)) / (candles.length - 1) : DAY;
  const minSpanMs = (minGapPx / Math.max(barWidthPx, 0.1)) * barMs;
  const spacing = SPACINGS.find((candidate) => candidate >= minSpanMs) ?? 365 * DAY;
  const ticks: TimeTick[] = [];
  let lastTickIndex = -Infinity;
  const minGapBars = minGapPx / Math.max(barWidthPx, 0.1);
  times.forEach((time, index) => {
    const previous = times[index - 1];
    if (previous === undefined || bucketOf(previous, spacing) === bucketOf(time, spacing)) return;
    // Uneven calendars (short months, gaps in the data) can put two buckets close together: keep them apart.
    if (index - lastTickIndex < minGapBars * 0.75) return;
    // A label names what changed since the previous label (a new day, month or year), not since the previous candle.
    ticks.push({ index, label: labelOf(time, times[lastTickIndex] ?? previous, spacing) });
    lastTickIndex = index;
  });
  return ticks;
}
