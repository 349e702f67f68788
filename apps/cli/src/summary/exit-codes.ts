import type { RunChartExportStepResult } from '@worker-chart-export/domain';

/** The exit codes of `run-local` (docs/design.md#cli-exit-codes-and-summary); other tooling depends on them. */
export const EXIT_CODES = { succeeded: 0, failed: 1, usage: 2, noop: 3 } as const;

/** NOOPs that mean the command named something that is not there: a usage error, not "nothing to do". */
const USAGE_NOOPS = new Set(['step-not-found', 'not-chart-export', 'flow-run-not-found']);

/** 0 SUCCEEDED, 1 FAILED, 3 NOOP, 2 for a `--step-id` naming a missing or non-CHART_EXPORT step. */
export function exitCodeFor(result: RunChartExportStepResult): number {
  if (result.status === 'SUCCEEDED') return EXIT_CODES.succeeded;
  if (result.status === 'FAILED') return EXIT_CODES.failed;
  return isUsageNoop(result) ? EXIT_CODES.usage : EXIT_CODES.noop;
}

/** true for a NOOP the CLI reports as a usage error (exit 2, one line on stderr). */
export function isUsageNoop(result: RunChartExportStepResult): boolean {
  return result.status === 'NOOP' && USAGE_NOOPS.has(result.reason);
}
