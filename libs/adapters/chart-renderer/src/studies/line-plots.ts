import type { Values } from '../scene/scene-series.js';
import type { PlotLook } from '../study-input.js';
import { lastOf } from './indicator-values.js';
import type { StudyDrawing } from './study-definition.js';

/** A line a study draws: the series' name, its values and its look. */
export interface LinePlot {
  readonly name: string;
  readonly values: Values;
  readonly look: PlotLook;
}

/** One line series per plot, and each plot's last value for the legend, in the same order. */
export function linePlots(plots: readonly LinePlot[]): Pick<StudyDrawing, 'series' | 'lastValues'> {
  return {
    series: plots.map(({ name, values, look }) => ({ kind: 'line', name, values, ...look })),
    lastValues: plots.map(({ values }) => lastOf(values)),
  };
}
