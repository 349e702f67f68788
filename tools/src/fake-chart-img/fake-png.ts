import { PNG } from 'pngjs';

const cache = new Map<string, Buffer>();

/**
 * A valid PNG of the given size (a dark background with a diagonal line), cached by size.
 * No row filters and fast deflate: a full-HD image costs milliseconds, not the encoder's default search.
 */
export function fakePng(width: number, height: number): Buffer {
  const key = `${width}x${height}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const onLine = Math.abs(Math.round((x * height) / width) - (height - 1 - y)) <= 1;
      png.data[i] = onLine ? 38 : 19;
      png.data[i + 1] = onLine ? 166 : 23;
      png.data[i + 2] = onLine ? 154 : 34;
      png.data[i + 3] = 255;
    }
  }
  const bytes = PNG.sync.write(png, { filterType: 0, deflateLevel: 1 });
  cache.set(key, bytes);
  return bytes;
}
