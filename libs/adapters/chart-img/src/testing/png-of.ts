import { PNG } from 'pngjs';

/** A valid PNG of the given size, filled with one colour (small: it compresses to a few hundred bytes). */
export function pngOf(width: number, height: number, rgb: readonly [number, number, number] = [30, 34, 45]): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = rgb[0];
    png.data[i + 1] = rgb[1];
    png.data[i + 2] = rgb[2];
    png.data[i + 3] = 255;
  }
  const buffer = PNG.sync.write(png);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
