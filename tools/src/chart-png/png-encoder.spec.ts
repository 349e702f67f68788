import { inflateSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import { FILTER_AVERAGE, FILTER_NONE, FILTER_PAETH, FILTER_SUB, FILTER_UP, encodeRgbPng, filterRow, predict } from './png-encoder.js';
import { readRgbPng } from './png-reader.js';
import { hashSeed, seededRandom } from './seeded-random.js';

/** RGBA noise with flat areas, so every filter type gets chosen for some row. */
function testImage(width: number, height: number): Uint8Array {
  const random = seededRandom(hashSeed('png-encoder'));
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const y = Math.floor(p / width);
    const flat = y % 3 === 0;
    rgba[p * 4] = flat ? 200 : Math.floor(random() * 256);
    rgba[p * 4 + 1] = flat ? (p % width) * 2 : Math.floor(random() * 256);
    rgba[p * 4 + 2] = flat ? y * 3 : 40;
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}

const rgbOf = (rgba: Uint8Array): Uint8Array => rgba.filter((_, i) => i % 4 !== 3);

describe('encodeRgbPng', () => {
  it('writes a PNG that pngjs decodes to the same pixels', () => {
    const rgba = testImage(37, 23);

    const png = PNG.sync.read(encodeRgbPng(37, 23, rgba));

    expect({ width: png.width, height: png.height }).toEqual({ width: 37, height: 23 });
    expect(Buffer.from(png.data).equals(Buffer.from(rgba))).toBe(true);
  });

  it('is deterministic', () => {
    const rgba = testImage(20, 10);

    expect(encodeRgbPng(20, 10, rgba).equals(encodeRgbPng(20, 10, rgba))).toBe(true);
  });
});

describe('readRgbPng', () => {
  it('reads back what the encoder wrote', () => {
    const rgba = testImage(31, 17);

    const image = readRgbPng(encodeRgbPng(31, 17, rgba));

    expect(image.width).toBe(31);
    expect(image.height).toBe(17);
    expect(Buffer.from(image.pixels).equals(Buffer.from(rgbOf(rgba)))).toBe(true);
  });

  it('restores rows whatever filter each one was written with', () => {
    const width = 40;
    const height = 30;
    const rgba = testImage(width, height);
    const bytes = encodeRgbPng(width, height, rgba);
    const idatLength = bytes.readUInt32BE(33);
    const filtered = inflateSync(bytes.subarray(41, 41 + idatLength));
    const types = new Set(Array.from({ length: height }, (_, y) => filtered[y * (width * 3 + 1)]));

    expect(types.size).toBeGreaterThanOrEqual(3);
    expect(Buffer.from(readRgbPng(bytes).pixels).equals(Buffer.from(rgbOf(rgba)))).toBe(true);
  });

  it('filters a row so that adding the predictor back restores it', () => {
    const row = Uint8Array.from([10, 200, 30, 250, 5, 60, 7, 8, 255]);
    const above = Uint8Array.from([100, 20, 3, 40, 250, 6, 70, 80, 9]);
    for (const type of [FILTER_NONE, FILTER_SUB, FILTER_UP, FILTER_AVERAGE, FILTER_PAETH]) {
      const filtered = new Uint8Array(row.length);
      filterRow(type, row, above, filtered);
      const restored = new Uint8Array(row.length);
      for (let i = 0; i < row.length; i++) {
        const a = i >= 3 ? (restored[i - 3] ?? 0) : 0;
        const c = i >= 3 ? (above[i - 3] ?? 0) : 0;
        restored[i] = ((filtered[i] ?? 0) + predict(type, a, above[i] ?? 0, c)) & 0xff;
      }
      expect([...restored]).toEqual([...row]);
    }
  });

  it('rejects bytes that are not a PNG, or whose chunks are damaged', () => {
    const good = encodeRgbPng(4, 4, testImage(4, 4));
    const damaged = Buffer.from(good);
    damaged[40] = (damaged[40] ?? 0) ^ 0xff; // inside IDAT

    expect(() => readRgbPng(Buffer.from('not a png at all'))).toThrow('not a PNG: bad signature');
    expect(() => readRgbPng(damaged)).toThrow(/bad CRC/);
    expect(() => readRgbPng(good.subarray(0, good.length - 12))).toThrow(/truncated PNG|no IEND/);
  });
});
