import type { ChartsApiMode, RunChartExportStepResult } from '@worker-chart-export/domain';

/** The `--output-summary json` object: the last line of stdout. */
export type JsonSummary =
  | {
      readonly status: 'SUCCEEDED' | 'FAILED';
      readonly runId: string;
      readonly stepId: string;
      readonly outputsManifestGcsUri: string | null;
      readonly itemsCount: number;
      readonly failuresCount: number;
      readonly minImages: number;
      readonly chartsApiMode: ChartsApiMode;
      readonly error?: { readonly code: string; readonly message: string };
    }
  | {
      readonly status: 'NOOP';
      readonly reason: string;
      readonly message: string;
      readonly runId: string;
      readonly stepId?: string;
      readonly chartsApiMode: ChartsApiMode;
    };

/** The summary of a run: ids, counts, the manifest URI (null when it could not be written), the step error. */
export function toJsonSummary(result: RunChartExportStepResult, chartsApiMode: ChartsApiMode): JsonSummary {
  if (result.status === 'NOOP') {
    return {
      status: 'NOOP',
      reason: result.reason,
      message: result.message,
      runId: result.runId,
      ...(result.stepId === undefined ? {} : { stepId: result.stepId }),
      chartsApiMode,
    };
  }
  return {
    status: result.status,
    runId: result.runId,
    stepId: result.stepId,
    outputsManifestGcsUri: result.outputsManifestGcsUri ?? null,
    itemsCount: result.itemsCount,
    failuresCount: result.failuresCount,
    minImages: result.minImages,
    chartsApiMode: result.chartsApiMode,
    ...(result.error === undefined ? {} : { error: { code: result.error.code, message: result.error.message } }),
  };
}
