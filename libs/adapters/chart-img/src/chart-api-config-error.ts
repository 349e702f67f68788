/** The Chart-IMG adapter cannot be built from this configuration; the message is one line. */
export class ChartApiConfigError extends Error {
  override readonly name = 'ChartApiConfigError';
}

/** true for a {@link ChartApiConfigError}. */
export function isChartApiConfigError(error: unknown): error is ChartApiConfigError {
  return error instanceof ChartApiConfigError;
}
