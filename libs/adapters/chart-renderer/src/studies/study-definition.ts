import type { Candle } from '../candles.js';
import type { Palette } from '../palette.js';
import type { SceneSeries } from '../scene/scene-series.js';
import type { StudyRequest } from '../study-input.js';

/** What a study draws over the whole series of candles (the scene keeps the visible part). */
export interface StudyDrawing {
  readonly series: readonly SceneSeries[];
  /** A fixed scale for the study's own pane (0..100 oscillators). */
  readonly range?: { readonly min: number; readonly max: number };
  /** Horizontal reference lines (overbought / oversold), with the band between the outer two filled. */
  readonly levels?: readonly number[];
  readonly levelFill?: string;
  /** The last values, for the legend. */
  readonly lastValues: readonly (number | null)[];
}

/** What a study needs to draw: every candle, and where the visible window starts and ends. */
export interface StudyContext {
  readonly candles: readonly Candle[];
  readonly visibleFrom: number;
  readonly visibleTo: number;
  readonly palette: Palette;
}

/** A study with its inputs read and checked. */
export interface PreparedStudy {
  readonly name: string;
  /** `overlay`: drawn on the price pane; `pane`: in a pane of its own below it. */
  readonly placement: 'overlay' | 'pane';
  /** true when its values are prices (moving averages, bands): on the price pane it shares the price scale. */
  readonly onPriceScale: boolean;
  /** e.g. `MACD 12 26 close 9`, as TradingView's legend shows it. */
  readonly legend: string;
  draw(context: StudyContext): StudyDrawing;
}

/** A study the renderer can draw, by its Chart-IMG name. */
export interface StudyDefinition {
  readonly name: string;
  /** Reads and checks the study's inputs; throws a RenderRefusal naming a bad one. */
  prepare(study: StudyRequest): PreparedStudy;
}

/** Where a study goes: its natural place, unless `forceOverlay` says otherwise. */
export function placementOf(study: StudyRequest, natural: 'overlay' | 'pane'): 'overlay' | 'pane' {
  if (study.forceOverlay === true) return 'overlay';
  return natural;
}

/** The 0..100 scale of an oscillator, with its midline and the band between `upper` and `lower` filled. */
export function oscillatorScale(upper: number, lower: number, levelFill: string): Pick<StudyDrawing, 'range' | 'levels' | 'levelFill'> {
  return { range: { min: 0, max: 100 }, levels: [upper, 50, lower], levelFill };
}
