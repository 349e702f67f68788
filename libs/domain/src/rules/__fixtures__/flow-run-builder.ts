import type { FlowRun, FlowStep } from '../../contracts/flow-run.schema.js';

/** A CHART_EXPORT step, READY, without dependencies, asking for one template. */
export function aChartStep(overrides: Partial<FlowStep> = {}): FlowStep {
  return {
    stepType: 'CHART_EXPORT',
    status: 'READY',
    timeframe: '1M',
    createdAt: '2025-12-15T10:25:46Z',
    dependsOn: [],
    inputs: { minImages: 1, requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }] },
    outputs: {},
    ...overrides,
  };
}

/** A step of another type (the OHLCV export a chart step usually depends on). */
export function anOhlcvStep(status: FlowStep['status']): FlowStep {
  return aChartStep({ stepType: 'OHLCV_EXPORT', status, inputs: {} });
}

/** A flow run with the given steps, shaped like the upstream READY vector. */
export function aFlowRun(steps: Record<string, FlowStep>, overrides: Partial<FlowRun> = {}): FlowRun {
  return {
    schemaVersion: 1,
    runId: '20251215-102530_BTCUSDT_k3f7a',
    flowKey: 'scheduled_month_week_report_v1',
    status: 'RUNNING',
    createdAt: '2025-12-15T10:25:30Z',
    trigger: { type: 'SCHEDULER', source: 'flow1-every-4h' },
    scope: { symbol: 'BTCUSDT' },
    steps,
    ...overrides,
  };
}
