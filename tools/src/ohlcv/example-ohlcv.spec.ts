import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { validateOhlcvExportFile } from '@worker-chart-export/domain';
import { EXAMPLE_OHLCV_FILE, exampleOhlcv } from './example-ohlcv.js';
import { formatOhlcvFile } from './synthetic-ohlcv.js';

describe('the example OHLCV fixture', () => {
  const committed = readFileSync(EXAMPLE_OHLCV_FILE, 'utf8');

  it('is what the generator writes (regenerate: npx tsx tools/src/ohlcv/generate-ohlcv-fixture.ts)', () => {
    expect(committed).toBe(formatOhlcvFile(exampleOhlcv()));
  });

  it('is a valid OHLCV export file of consistent, hourly, ascending candles', () => {
    const result = validateOhlcvExportFile(JSON.parse(committed));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const rows = result.value.data;

    expect(rows).toHaveLength(500);
    rows.forEach((row, i) => {
      expect(row.high).toBeGreaterThanOrEqual(Math.max(row.open, row.close));
      expect(row.low).toBeLessThanOrEqual(Math.min(row.open, row.close));
      expect(row.volume).toBeGreaterThan(0);
      if (i > 0) expect(Date.parse(row.date) - Date.parse(rows[i - 1]?.date ?? '')).toBe(3_600_000);
    });
  });
});
