import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OhlcvExportFile } from '@worker-chart-export/domain';
import { syntheticOhlcv } from './synthetic-ohlcv.js';

export const EXAMPLE_OHLCV_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/ohlcv/BTCUSDT_1h.json');

/** 500 hourly BTCUSDT candles ending just before the example flow_run was created. */
export function exampleOhlcv(): OhlcvExportFile {
  return syntheticOhlcv({
    symbol: 'BTCUSDT',
    timeframe: '1h',
    stepMs: 3_600_000,
    count: 500,
    lastOpen: '2025-12-15T09:00:00Z',
    startPrice: 91_500,
    volatility: 0.0045,
    baseVolume: 850,
    seed: 20251215,
  });
}
