import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readPngSize } from '@worker-chart-export/domain';
import { ERROR_FIXTURES, SUCCESS_TIMEFRAMES, buildFixtureSet, sameFixture } from './fixture-set.js';
import { encodeRgbPng } from './png-encoder.js';
import { readRgbPng } from './png-reader.js';
import { FIXTURES_DIR, TEMPLATES_DIR } from './repo-paths.js';

const generated = await buildFixtureSet(TEMPLATES_DIR);
const pngs = generated.filter((f) => f.name.endsWith('.png'));

describe('the committed Chart-IMG fixtures', () => {
  it('cover every seed template at 1h and 1M for BINANCE:BTCUSDT, plus the two error fixtures', async () => {
    const templateIds = (await readdir(TEMPLATES_DIR)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));

    expect(pngs.map((f) => f.name).sort()).toEqual(SUCCESS_TIMEFRAMES.flatMap((tf) => templateIds.map((id) => `BINANCE_BTCUSDT__${tf}__${id}.png`)).sort());
    expect(generated.filter((f) => f.name.endsWith('.json')).map((f) => f.name)).toEqual([
      'BINANCE_BTCUSDT__4h__ctpl_price_ma1226_vol_v1__429_LIMIT_EXCEEDED.json',
      'BINANCE_BTCUSDT__4h__ctpl_price_psar_adi_v1__500_SOMETHING_WENT_WRONG.json',
    ]);
  });

  it.each(generated.map((f) => [f.name, f] as const))('%s is committed and matches a fresh generation', async (_name, file) => {
    const committed = await readFile(join(FIXTURES_DIR, file.name));

    expect(sameFixture(committed, file)).toBe(true);
  });

  it.each(pngs.map((f) => f.name))('%s is a valid 800 x 600 PNG', async (name) => {
    const bytes = await readFile(join(FIXTURES_DIR, name));

    expect(readPngSize(bytes)).toEqual({ width: 800, height: 600 });
    expect(readRgbPng(bytes)).toMatchObject({ width: 800, height: 600 }); // every chunk CRC and all image data
  });

  it('stores error fixtures as {status, body: {message}}', async () => {
    const [limit, broken] = await Promise.all(
      [
        'BINANCE_BTCUSDT__4h__ctpl_price_ma1226_vol_v1__429_LIMIT_EXCEEDED.json',
        'BINANCE_BTCUSDT__4h__ctpl_price_psar_adi_v1__500_SOMETHING_WENT_WRONG.json',
      ].map(async (name) => JSON.parse(await readFile(join(FIXTURES_DIR, name), 'utf8')) as unknown),
    );

    expect(limit).toEqual({ status: 429, body: { message: 'Limit Exceeded' } });
    expect(broken).toEqual({ status: 500, body: { message: 'Something Went Wrong' } });
  });

  it('puts no error fixture on a key that has a success PNG (it would shadow it)', () => {
    for (const spec of ERROR_FIXTURES) expect(SUCCESS_TIMEFRAMES as readonly string[]).not.toContain(spec.timeframe);
  });

  it('treats a PNG with other pixels as a change, and a re-encoding of the same pixels as none', () => {
    const file = pngs[0];
    if (file === undefined) throw new Error('no PNG fixtures generated');
    const image = readRgbPng(file.bytes);
    const rgba = new Uint8Array(image.width * image.height * 4);
    for (let p = 0; p < image.width * image.height; p++) rgba.set(image.pixels.subarray(p * 3, p * 3 + 3), p * 4);
    const reencoded = encodeRgbPng(image.width, image.height, rgba, 1);
    rgba[0] = (rgba[0] ?? 0) ^ 0xff;
    const altered = encodeRgbPng(image.width, image.height, rgba);

    expect(reencoded.equals(file.bytes)).toBe(false);
    expect(sameFixture(reencoded, file)).toBe(true);
    expect(sameFixture(altered, file)).toBe(false);
  });
});
