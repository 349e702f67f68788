import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChartCall, decodeOhlcvExportFile, validateChartTemplateShape, type OhlcvRow } from '@worker-chart-export/domain';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** The example OHLCV file: 500 hourly BTCUSDT candles. */
export function exampleOhlcvRows(): OhlcvRow[] {
  const file = resolve(ROOT, 'fixtures/ohlcv/BTCUSDT_1h.json');
  return decodeOhlcvExportFile(readFileSync(file), file).data;
}

/** The request body of every seed template for BTCUSDT 1h, built by the domain exactly as for Chart-IMG. */
export function seedChartBodies(): Map<string, Readonly<Record<string, unknown>>> {
  const dir = resolve(ROOT, 'chart-templates');
  const bodies = new Map<string, Readonly<Record<string, unknown>>>();
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const template = validateChartTemplateShape(JSON.parse(readFileSync(resolve(dir, name), 'utf8')));
    if (!template.ok) throw new Error(`chart-templates/${name} is not a template`);
    const call = buildChartCall({ template: template.value, symbol: 'BTCUSDT', timeframe: '1h', interval: '1h', defaultTimezone: 'Etc/UTC' });
    bodies.set(template.value.id, call.body);
  }
  return bodies;
}
