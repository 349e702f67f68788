import { RenderRefusal } from './render-refusal.js';

/** A study of the request body: `{name, forceOverlay?, input?, override?}`. */
export interface StudyRequest {
  readonly name: string;
  readonly forceOverlay?: boolean;
  readonly input: Readonly<Record<string, unknown>>;
  readonly override: Readonly<Record<string, unknown>>;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** A whole-number input of at least `min` (a period or a length), else `fallback` when absent. */
export function integerInput(study: StudyRequest, key: string, fallback: number, min = 1): number {
  const value = study.input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 5000) {
    throw new RenderRefusal(`study "${study.name}" input ${key}: expected a whole number from ${min} to 5000, got ${show(value)}`);
  }
  return value;
}

/** A positive number input (a multiplier, an acceleration), else `fallback` when absent. */
export function numberInput(study: StudyRequest, key: string, fallback: number): number {
  const value = study.input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RenderRefusal(`study "${study.name}" input ${key}: expected a positive number, got ${show(value)}`);
  }
  return value;
}

/** One of `choices` (compared without case), else `fallback` when absent. */
export function choiceInput<T extends string>(study: StudyRequest, key: string, choices: readonly T[], fallback: T): T {
  const value = study.input[key];
  if (value === undefined) return fallback;
  const found = typeof value === 'string' ? choices.find((choice) => choice.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) {
    throw new RenderRefusal(`study "${study.name}" input ${key}: expected one of ${choices.join(', ')}, got ${show(value)}`);
  }
  return found;
}

/** A plot's look from the study's `override` (`<plot>.color`, `<plot>.linewidth`, `<plot>.plottype`). */
export interface PlotLook {
  readonly color: string;
  readonly width: number;
  readonly plotType?: string;
}

export function plotLook(study: StudyRequest, plot: string, fallback: PlotLook): PlotLook {
  const color = study.override[`${plot}.color`];
  const width = study.override[`${plot}.linewidth`];
  const plotType = study.override[`${plot}.plottype`];
  return {
    color: typeof color === 'string' && color !== '' ? color : fallback.color,
    width: typeof width === 'number' && width > 0 && width <= 10 ? width : fallback.width,
    ...(typeof plotType === 'string' ? { plotType } : fallback.plotType === undefined ? {} : { plotType: fallback.plotType }),
  };
}
