import { inflateSync } from 'node:zlib';
import { crc32 } from './png-crc32.js';
import { PNG_SIGNATURE, predict } from './png-encoder.js';

/** A decoded 8-bit RGB PNG: what the fixture checks compare. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** RGB, row-major. */
  readonly pixels: Uint8Array;
}

/**
 * Decodes an 8-bit RGB, non-interlaced PNG (what {@link encodeRgbPng} writes), checking the signature,
 * every chunk's CRC and the image data's length. Throws an Error saying what is wrong otherwise.
 */
export function readRgbPng(bytes: Buffer): RgbImage {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > bytes.length) throw new Error('truncated PNG: no IEND chunk');
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length || offset + 12 + length > bytes.length) throw new Error(`truncated PNG chunk ${type}`);
    if (bytes.readUInt32BE(offset + 8 + length) !== crc32(bytes.subarray(offset + 4, offset + 8), body)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (header === undefined || header.length !== 13) throw new Error('PNG has no valid IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  if (header[8] !== 8 || header[9] !== 2 || header[12] !== 0) throw new Error('not an 8-bit RGB non-interlaced PNG');
  const stride = width * 3;
  const filtered = inflateSync(Buffer.concat(data));
  if (filtered.length !== (stride + 1) * height) throw new Error(`PNG image data is ${filtered.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const type = filtered[y * (stride + 1)] ?? 0;
    if (type > 4) throw new Error(`PNG row ${y} has unknown filter ${type}`);
    for (let i = 0; i < stride; i += 1) {
      const a = i >= 3 ? (pixels[y * stride + i - 3] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= 3 && y > 0 ? (pixels[(y - 1) * stride + i - 3] ?? 0) : 0;
      pixels[y * stride + i] = ((filtered[y * (stride + 1) + 1 + i] ?? 0) + predict(type, a, b, c)) & 0xff;
    }
  }
  return { width, height, pixels };
}
