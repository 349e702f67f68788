import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aChartExportStep, aFlowRun as aFlowRunDocument, RUN_ID } from '@worker-chart-export/domain/testing';

export const TEST_RUN_ID = RUN_ID;
export const CHART_STEP_ID = 'charts:1h:ctpl_price_ma1226_vol_v1';
export const OHLCV_STEP_ID = 'ohlcv_export:1h';

/** A flow_run with a SUCCEEDED OHLCV_EXPORT step and a READY CHART_EXPORT step depending on it. */
export function aFlowRun(): Record<string, unknown> {
  const ohlcv = {
    stepType: 'OHLCV_EXPORT',
    status: 'SUCCEEDED',
    timeframe: '1h',
    createdAt: '2025-12-15T10:25:31Z',
    finishedAt: '2025-12-15T10:25:40Z',
    inputs: {},
  };
  return aFlowRunDocument({
    [OHLCV_STEP_ID]: aChartExportStep(ohlcv),
    [CHART_STEP_ID]: aChartExportStep({ timeframe: '1h', dependsOn: [OHLCV_STEP_ID] }),
  });
}

/** Writes `content` (a string as is, anything else as JSON) to `<dir>/<name>` and returns the path. */
export async function writeTestFile(dir: string, name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
