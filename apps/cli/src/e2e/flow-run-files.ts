import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TEST_RUN_ID = '20251215-102530_BTCUSDT_k3f7a';
export const CHART_STEP_ID = 'charts:1h:ctpl_price_ma1226_vol_v1';
export const OHLCV_STEP_ID = 'ohlcv_export:1h';

/** A flow_run with a SUCCEEDED OHLCV_EXPORT step and a READY CHART_EXPORT step depending on it. */
export function aFlowRun(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    runId: TEST_RUN_ID,
    flowKey: 'scheduled_month_week_report_v1',
    status: 'RUNNING',
    createdAt: '2025-12-15T10:25:30Z',
    trigger: { type: 'SCHEDULER', source: 'test' },
    scope: { symbol: 'BTCUSDT' },
    steps: {
      [OHLCV_STEP_ID]: {
        stepType: 'OHLCV_EXPORT',
        status: 'SUCCEEDED',
        timeframe: '1h',
        createdAt: '2025-12-15T10:25:31Z',
        finishedAt: '2025-12-15T10:25:40Z',
        dependsOn: [],
        inputs: {},
        outputs: {},
      },
      [CHART_STEP_ID]: {
        stepType: 'CHART_EXPORT',
        status: 'READY',
        timeframe: '1h',
        createdAt: '2025-12-15T10:25:46Z',
        dependsOn: [OHLCV_STEP_ID],
        inputs: { minImages: 1, requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }] },
        outputs: {},
      },
    },
  };
}

/** Writes `content` (a string as is, anything else as JSON) to `<dir>/<name>` and returns the path. */
export async function writeTestFile(dir: string, name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
