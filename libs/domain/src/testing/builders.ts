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

/**
 * The flow engine's READY test vector (`fixtures/upstream/flow_run_ready_chart_step.json`): the defaults above,
 * with the chart step waiting on the month's OHLCV export.
 */
export function anUpstreamReadyFlowRun(): Record<string, unknown> {
  return aFlowRun({ [STEP_ID]: aChartExportStep({ dependsOn: ['ohlcv_export:1M'] }) });
}

/** Passed to {@link withField} as the value, removes the field. */
export const REMOVE_FIELD = Symbol('remove field');

/** A deep copy of `doc` with the field at `path` set to `value`, or removed with {@link REMOVE_FIELD}. */
export function withField(doc: unknown, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) ?? '';
  if (value === REMOVE_FIELD) delete node[last];
  else node[last] = value;
  return copy;
}

/** `count` requests for templates `ctpl_t1_v1` ... */
export function requestsFor(count: number): Array<{ chartTemplateId: string }> {
  return Array.from({ length: count }, (_, i) => ({ chartTemplateId: `ctpl_t${i + 1}_v1` }));
}
