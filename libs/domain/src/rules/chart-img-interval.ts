import { describeValue } from './describe-value.js';

/** Intervals Chart-IMG accepts in `interval` (chart-img/README.md). Case matters: `1m` is a minute, `1M` a month. */
export const CHART_IMG_INTERVALS = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '45m',
  '1h',
  '2h',
  '3h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1D',
  '2D',
  '3D',
  '1W',
  '1M',
  '3M',
  '6M',
  '1Y',
] as const;

export type ChartImgInterval = (typeof CHART_IMG_INTERVALS)[number];

export type TimeframeMapping = { ok: true; interval: ChartImgInterval } | { ok: false; message: string };

// Never fold case blindly (docs/design.md#timeframe-mapping). `m` (minute) and `M` (month) are different units; the others accept both cases.
const UNIT_TO_INTERVAL_UNIT: Readonly<Record<string, string>> = {
  m: 'm',
  h: 'h',
  H: 'h',
  d: 'D',
  D: 'D',
  w: 'W',
  W: 'W',
  M: 'M',
  y: 'Y',
  Y: 'Y',
};

const TIMEFRAME = /^([1-9][0-9]{0,3})([a-zA-Z])$/;

/**
 * The flow's `timeframe` (`1M`, `1w`, `1d`, `4h`, `15m` ...) as a Chart-IMG interval (`1M`, `1W`, `1D`,
 * `4h`, `15m`). The message of a failure names the value and says why.
 */
export function toChartImgInterval(timeframe: string): TimeframeMapping {
  const mapped = mapTimeframe(timeframe);
  if (mapped.ok) return mapped;
  return { ok: false, message: `timeframe ${describeValue(timeframe)} ${mapped.reason}` };
}

/**
 * Like {@link toChartImgInterval}, but a failure carries only the reason (`is not a timeframe: ...`), for callers
 * that put their own field path and value in front of it.
 */
export function mapTimeframe(timeframe: string): { ok: true; interval: ChartImgInterval } | { ok: false; reason: string } {
  const match = TIMEFRAME.exec(timeframe);
  const unit = match?.[2] === undefined ? undefined : UNIT_TO_INTERVAL_UNIT[match[2]];
  if (match === null || unit === undefined) {
    return {
      ok: false,
      reason: 'is not a timeframe: expected a count and a unit (m minute, h hour, d day, w week, M month, y year), e.g. 4h or 1M',
    };
  }
  const interval = `${match[1]}${unit}`;
  if (!isChartImgInterval(interval)) {
    return {
      ok: false,
      reason: `maps to interval "${interval}", which Chart-IMG does not offer (one of ${CHART_IMG_INTERVALS.join(' ')})`,
    };
  }
  return { ok: true, interval };
}

function isChartImgInterval(value: string): value is ChartImgInterval {
  return (CHART_IMG_INTERVALS as readonly string[]).includes(value);
}
