import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import type { ChartCall, OhlcvExportFile, OhlcvSource } from '@worker-chart-export/domain';
import { OhlcvChartRenderer } from './ohlcv-chart-renderer.js';
import { exampleOhlcvRows } from './testing/seed-chart-bodies.js';
import { seedChartCall } from './testing/seed-chart-call.js';

const URI = 'gs://charts-local/ohlcv/20251215-102530_BTCUSDT_k3f7a/ohlcv_export:1h.json';
const TEMPLATE = 'ctpl_price_ma1226_vol_v1';

const aCall = (overrides: Partial<ChartCall> = {}): ChartCall => seedChartCall(TEMPLATE, overrides);

/** An OhlcvSource that serves one file and records what was read. */
function sourceOf(file: OhlcvExportFile | Error): OhlcvSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (gsUri) => {
      reads.push(gsUri);
      if (file instanceof Error) throw file;
      return file;
    },
  };
}

const exampleFile = (metadata: Partial<OhlcvExportFile['metadata']> = {}): OhlcvExportFile => ({
  metadata: {
    request_id: 'r',
    request_timestamp: '2025-12-15T10:00:00Z',
    symbol: 'BTC/USDT',
    timeframe: '1h',
    query_type: 'all',
    query_parameters: {},
    ...metadata,
  },
  data: exampleOhlcvRows(),
});

describe('OhlcvChartRenderer', () => {
  it('draws the call from the OHLCV file at the URI', async () => {
    const source = sourceOf(exampleFile());

    const outcome = await new OhlcvChartRenderer(source).render(aCall(), URI);

    expect(source.reads).toEqual([URI]);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(PNG.sync.read(Buffer.from(outcome.png)).width).toBe(800);
    expect(outcome.layout.panes.map((pane) => pane.studies)).toEqual([['Moving Average Double'], ['Volume']]);
  });

  it('refuses a template with an unknown study without reading the OHLCV file', async () => {
    const source = sourceOf(exampleFile());
    const call = aCall({ body: { ...aCall().body, studies: [{ name: 'Ichimoku Cloud' }] } });

    const outcome = await new OhlcvChartRenderer(source).render(call, URI);

    expect(outcome).toEqual({ ok: false, reason: 'refused', message: `${TEMPLATE}: study "Ichimoku Cloud" is not drawn by the local renderer` });
    expect(source.reads).toEqual([]);
  });

  it('reports an unreadable file with the source message', async () => {
    const outcome = await new OhlcvChartRenderer(sourceOf(new Error(`cannot read OHLCV file ${URI}: no such object`))).render(aCall(), URI);

    expect(outcome).toEqual({ ok: false, reason: 'ohlcv-unavailable', message: `cannot read OHLCV file ${URI}: no such object` });
  });

  it('refuses candles of another market or timeframe', async () => {
    const renderer = (metadata: Partial<OhlcvExportFile['metadata']>) => new OhlcvChartRenderer(sourceOf(exampleFile(metadata))).render(aCall(), URI);

    await expect(renderer({ symbol: 'ETHUSDT' })).resolves.toEqual({
      ok: false,
      reason: 'ohlcv-mismatch',
      message: `OHLCV file ${URI} holds ETHUSDT 1h, not BINANCE:BTCUSDT 1h`,
    });
    await expect(renderer({ timeframe: '4h' })).resolves.toMatchObject({ ok: false, reason: 'ohlcv-mismatch' });
  });
});
