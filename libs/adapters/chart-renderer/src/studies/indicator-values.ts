import type { Values } from '../scene/scene-series.js';

/** Anything of trading-signals that takes inputs one by one and answers null until it has enough. */
interface Streaming<Input, Result> {
  add(input: Input): Result | null;
}

/** Feeds every input to `indicator`, one result per input (null while warming up, or when `pick` says so). */
export function streamValues<Input, Result>(
  indicator: Streaming<Input, Result>,
  inputs: readonly Input[],
  pick: (result: Result) => number | null,
): (number | null)[] {
  return inputs.map((input) => {
    const result = indicator.add(input);
    return result === null || result === undefined ? null : pick(result);
  });
}

/** Feeds the non-null values of `values` to `indicator` (a moving average over an indicator), keeping positions. */
export function streamOver(indicator: Streaming<number, number>, values: Values): (number | null)[] {
  return values.map((value) => (value === null ? null : (indicator.add(value) ?? null)));
}

/** The last value of a series that is not null. */
export function lastOf(values: Values): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}
