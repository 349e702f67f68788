/** Object mothers for flow_runs, steps and templates; override any part. */

export const RUN_ID = '20251215-102530_BTCUSDT_k3f7a';
export const STEP_ID = 'charts:1M:ctpl_price_ma1226_vol_v1';

export function aTemplate(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    description: `price + ${id}`,
    chartImgSymbolTemplate: 'BINANCE:{symbol}',
    request: { height: 600, style: 'candle', theme: 'light', studies: [{ name: 'Volume', forceOverlay: false }] },
    ...overrides,
  };
}

export function aChartExportStep(overrides: Record<string, unknown> = {}, inputs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stepType: 'CHART_EXPORT',
    status: 'READY',
    timeframe: '1M',
    createdAt: '2025-12-15T10:25:46Z',
    dependsOn: [],
    inputs: { minImages: 1, requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }], ...inputs },
    outputs: {},
    ...overrides,
  };
}

export function aFlowRun(steps: Record<string, unknown> = { [STEP_ID]: aChartExportStep() }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    runId: RUN_ID,
    flowKey: 'scheduled_month_week_report_v1',
    status: 'RUNNING',
    createdAt: '2025-12-15T10:25:30Z',
    trigger: { type: 'SCHEDULER', source: 'flow1-every-4h' },
    scope: { symbol: 'BTCUSDT' },
    steps,
    ...overrides,
  };
}

/** `count` requests for templates `ctpl_t1_v1` ... */
export function requestsFor(count: number): Array<{ chartTemplateId: string }> {
  return Array.from({ length: count }, (_, i) => ({ chartTemplateId: `ctpl_t${i + 1}_v1` }));
}
