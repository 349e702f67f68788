// Writes fixtures/ohlcv/BTCUSDT_1h.json (a test fails while it drifts from the generator).
// Run: npx tsx tools/src/ohlcv/generate-ohlcv-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXAMPLE_OHLCV_FILE, exampleOhlcv } from './example-ohlcv.js';
import { formatOhlcvFile } from './synthetic-ohlcv.js';

const file = exampleOhlcv();
mkdirSync(dirname(EXAMPLE_OHLCV_FILE), { recursive: true });
writeFileSync(EXAMPLE_OHLCV_FILE, formatOhlcvFile(file));
console.log(`wrote ${file.data.length} candles to ${EXAMPLE_OHLCV_FILE}`);
