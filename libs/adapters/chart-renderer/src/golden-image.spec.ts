import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { LocalChartRenderer } from './local-chart-renderer.js';
import { exampleOhlcvRows, seedChartBodies } from './testing/seed-chart-bodies.js';

// Golden images guard the drawing against accidental change. Anti-aliasing may differ a little between
// Skia builds, so pixels are compared with pixelmatch's colour threshold and a small share may differ;
// the layout itself is checked exactly by local-chart-renderer.spec.ts.
// Regenerate after an intended change: UPDATE_GOLDEN=1 npx nx run adapter-chart-renderer:test
const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '__golden__');
const MAX_DIFFERING_SHARE = 0.003;

const renderer = new LocalChartRenderer();
const rows = exampleOhlcvRows();
const bodies = seedChartBodies();

const seed = (id: string) => {
  const body = bodies.get(id);
  if (body === undefined) throw new Error(`no seed template ${id}`);
  return body;
};
const LIGHT = seed('ctpl_price_ma1226_bb_macd1226_v1');
const CASES: readonly [string, Readonly<Record<string, unknown>>][] = [
  ['bb-macd-light-candle', LIGHT],
  ['vpvr-obv-dark-bar', { ...seed('ctpl_price_vpvr_obv_v1'), theme: 'dark', style: 'bar', timezone: 'America/New_York' }],
];

describe('LocalChartRenderer golden images', () => {
  it.each(CASES)('%s matches its golden image', (name, body) => {
    const file = resolve(GOLDEN_DIR, `${name}.png`);
    const { png } = renderer.render(body, rows);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, png);
    expect(existsSync(file)).toBe(true);

    const actual = PNG.sync.read(Buffer.from(png));
    const golden = PNG.sync.read(readFileSync(file));
    expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
    const differing = pixelmatch(actual.data, golden.data, undefined, golden.width, golden.height, { threshold: 0.1 });
    expect(differing / (golden.width * golden.height)).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
  });

  it('notices a changed drawing: the light chart is not the dark one', () => {
    const light = PNG.sync.read(Buffer.from(renderer.render(LIGHT, rows).png));
    const dark = PNG.sync.read(Buffer.from(renderer.render({ ...LIGHT, theme: 'dark' }, rows).png));
    const differing = pixelmatch(light.data, dark.data, undefined, light.width, light.height, { threshold: 0.1 });

    expect(differing / (light.width * light.height)).toBeGreaterThan(MAX_DIFFERING_SHARE);
  });
});
