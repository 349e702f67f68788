import { THEMES, type Theme } from './palette.js';
import { RenderRefusal } from './render-refusal.js';
import { STUDY_CATALOG } from './studies/study-catalog.js';
import type { PreparedStudy } from './studies/study-definition.js';
import type { StudyRequest } from './study-input.js';
import { parseVisibleRange, type VisibleRange } from './visible-range.js';

const CHART_STYLES = ['candle', 'hollowCandle', 'heikinAshi', 'bar', 'line', 'area'] as const;
export type ChartStyle = (typeof CHART_STYLES)[number];
const SCALES = ['regular', 'logarithmic'] as const;

/** A Chart-IMG request body read and checked: everything the renderer needs, nothing drawn yet. */
export interface ChartPlan {
  readonly symbol: string;
  readonly interval: string;
  readonly width: number;
  readonly height: number;
  readonly style: ChartStyle;
  readonly theme: Theme;
  readonly scale: (typeof SCALES)[number];
  readonly timezone: string;
  readonly range: VisibleRange | undefined;
  readonly studies: readonly PreparedStudy[];
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function oneOf<T extends string>(body: Readonly<Record<string, unknown>>, field: string, choices: readonly T[], fallback: T): T {
  const value = body[field];
  if (value === undefined) return fallback;
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    throw new RenderRefusal(`${field} ${show(value)} is not drawn by the local renderer (it draws ${choices.join(', ')})`);
  }
  return found;
}

function size(body: Readonly<Record<string, unknown>>, field: 'width' | 'height', fallback: number, min: number): number {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 4096) {
    throw new RenderRefusal(`${field} must be a whole number of pixels from ${min} to 4096, got ${show(value)}`);
  }
  return value;
}

function text(body: Readonly<Record<string, unknown>>, field: string, fallback: string): string {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new RenderRefusal(`${field} must be a non-empty string, got ${show(value)}`);
  return value;
}

function checkTimezone(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
  } catch {
    throw new RenderRefusal(`timezone ${show(timezone)} is not a time zone the renderer knows`);
  }
  return timezone;
}

function studyRequests(value: unknown): StudyRequest[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RenderRefusal(`studies must be an array, got ${show(value)}`);
  return value.map((entry: unknown, index) => {
    const study = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof study['name'] !== 'string') throw new RenderRefusal(`studies[${index}].name must be a string, got ${show(study['name'])}`);
    const record = (field: string) => {
      const inner = study[field];
      return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
    };
    return {
      name: study['name'],
      ...(typeof study['forceOverlay'] === 'boolean' ? { forceOverlay: study['forceOverlay'] } : {}),
      input: record('input'),
      override: record('override'),
    };
  });
}

/**
 * Reads a Chart-IMG Advanced Chart body (the one sent to the provider) into a plan, refusing with a
 * {@link RenderRefusal} whatever the renderer cannot draw faithfully: an unknown study (named), drawings,
 * a style, scale or time zone it does not know, a bad study input.
 */
export function readChartPlan(body: Readonly<Record<string, unknown>>): ChartPlan {
  const requests = studyRequests(body['studies']);
  const prepare = requests.map((study) => {
    const definition = STUDY_CATALOG.get(study.name);
    if (definition === undefined) throw new RenderRefusal(`study "${study.name}" is not drawn by the local renderer`);
    return () => definition.prepare(study);
  });
  const drawings = body['drawings'];
  if (Array.isArray(drawings) && drawings.length > 0) {
    const name = (drawings[0] as { name?: unknown } | null)?.name;
    throw new RenderRefusal(`drawing ${show(name)} is not drawn by the local renderer`);
  }
  return {
    symbol: text(body, 'symbol', 'BINANCE:BTCUSDT'),
    interval: text(body, 'interval', '1D'),
    width: size(body, 'width', 800, 400),
    height: size(body, 'height', 600, 300),
    style: oneOf(body, 'style', CHART_STYLES, 'candle'),
    theme: oneOf(body, 'theme', THEMES, 'light'),
    scale: oneOf(body, 'scale', SCALES, 'regular'),
    timezone: checkTimezone(text(body, 'timezone', 'Etc/UTC')),
    range: parseVisibleRange(body['range']),
    studies: prepare.map((prepareStudy) => prepareStudy()),
  };
}
