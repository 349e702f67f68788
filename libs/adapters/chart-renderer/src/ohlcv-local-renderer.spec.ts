import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { OhlcvExportFile, OhlcvSource } from '@worker-chart-export/domain';
import { OhlcvLocalRenderer } from './ohlcv-local-renderer.js';
import { exampleOhlcvRows } from './testing/seed-chart-bodies.js';
import { seedChartCall } from './testing/seed-chart-call.js';

const URI = 'gs://charts-local/ohlcv/run/ohlcv_export:1h.json';
const TEMPLATE = 'ctpl_price_ma1226_vol_v1';
const CALL = seedChartCall(TEMPLATE, { ohlcvGcsUri: URI });
const file = (timeframe = '1h'): OhlcvExportFile => ({
  metadata: { request_id: 'r', request_timestamp: '2025-12-15T10:00:00Z', symbol: 'BTCUSDT', timeframe, query_type: 'all', query_parameters: {} },
  data: exampleOhlcvRows(),
});
const missing: OhlcvSource = { read: async (uri) => Promise.reject(new Error(`cannot read OHLCV file ${uri}: no such file`)) };
const serving = (served: OhlcvExportFile): OhlcvSource => ({ read: async () => served });

async function withExampleDir<T>(files: Record<string, OhlcvExportFile>, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ohlcv-examples-'));
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), JSON.stringify(content));
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('OhlcvLocalRenderer', () => {
  it("draws from the step's own file, saying nothing of an example", async () => {
    const result = await new OhlcvLocalRenderer({ ohlcv: serving(file()), exampleDir: '/nonexistent' }).render(CALL);
    if (!result.ok) throw new Error(result.message);
    expect(result.ohlcvFrom).toBeUndefined();
    expect(PNG.sync.read(Buffer.from(result.png))).toMatchObject({ width: 800, height: 600 });
  });

  it("falls back to <SYMBOL>_<timeframe>.json of the example directory when the step's file is missing, naming it", async () => {
    await withExampleDir({ 'BTCUSDT_1h.json': file() }, async (dir) => {
      const result = await new OhlcvLocalRenderer({ ohlcv: missing, exampleDir: dir }).render(CALL);
      expect(result).toMatchObject({ ok: true, ohlcvFrom: join(dir, 'BTCUSDT_1h.json') });
    });
  });

  it("does not stand an example in for a step's file of another market or timeframe", async () => {
    await withExampleDir({ 'BTCUSDT_1h.json': file() }, async (dir) => {
      const result = await new OhlcvLocalRenderer({ ohlcv: serving(file('4h')), exampleDir: dir }).render(CALL);
      expect(result).toMatchObject({ ok: false, message: `OHLCV file ${URI} holds BTCUSDT 4h, not BINANCE:BTCUSDT 1h` });
    });
  });

  it('without an example directory, or without the example, fails naming every place it looked', async () => {
    expect(await new OhlcvLocalRenderer({ ohlcv: missing }).render(CALL)).toMatchObject({ ok: false, message: `cannot read OHLCV file ${URI}: no such file` });
    await withExampleDir({}, async (dir) => {
      const result = await new OhlcvLocalRenderer({ ohlcv: missing, exampleDir: dir }).render(CALL);
      expect(result).toMatchObject({
        ok: false,
        message: `cannot read OHLCV file ${URI}: no such file; no example OHLCV either: cannot read ${join(dir, 'BTCUSDT_1h.json')} (ENOENT)`,
      });
    });
  });
});
