import type { Values } from '../scene/scene-series.js';
import { choiceInput, integerInput, type StudyRequest } from '../study-input.js';
import { averageLabel, movingAverage } from './moving-average.js';

const SMOOTHING_LINES = ['SMA', 'EMA', 'WMA', 'SMMA (RMA)', 'None'] as const;

/** The moving average TradingView draws under an oscillator (`smoothingLine`, `smoothingLength`); 'None' draws none. */
export interface SmoothingLine {
  readonly line: (typeof SMOOTHING_LINES)[number];
  readonly length: number;
}

/** The study's smoothing line, `fallback` when `smoothingLine` is absent. */
export function smoothingLineInput(study: StudyRequest, fallback: SmoothingLine['line']): SmoothingLine {
  return { line: choiceInput(study, 'smoothingLine', SMOOTHING_LINES, fallback), length: integerInput(study, 'smoothingLength', 14) };
}

/** The legend's part for the smoothing line: ` SMA 14`, or nothing for 'None'. */
export function smoothingLegend({ line, length }: SmoothingLine): string {
  return line === 'None' ? '' : ` ${line} ${length}`;
}

/** `values` smoothed, with the average's short name (SMA, EMA ...); undefined for 'None'. */
export function smooth(values: Values, { line, length }: SmoothingLine): { values: (number | null)[]; label: string } | undefined {
  return line === 'None' ? undefined : { values: movingAverage(values, line, length), label: averageLabel(line) };
}
