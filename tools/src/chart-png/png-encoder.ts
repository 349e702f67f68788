import { deflateSync } from 'node:zlib';
import { crc32 } from './png-crc32.js';

// A small PNG encoder (8-bit RGB, per-row adaptive filter, zlib level 9) instead of pngjs's: its inner
// loops look up globals per byte, which under jest's VM modules makes one 800 x 600 image take seconds.
// The specs check the output against pngjs's decoder.

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG filter types (RFC 2083 §6). */
export const FILTER_NONE = 0;
export const FILTER_SUB = 1;
export const FILTER_UP = 2;
export const FILTER_AVERAGE = 3;
export const FILTER_PAETH = 4;

const BYTES_PER_PIXEL = 3;

/** Encodes RGBA pixels (row-major, alpha ignored) as an 8-bit RGB PNG. Same pixels and level, same bytes. */
export function encodeRgbPng(width: number, height: number, rgba: Uint8Array, deflateLevel = 9): Buffer {
  const stride = width * BYTES_PER_PIXEL;
  const raw = new Uint8Array(stride * height);
  for (let p = 0, o = 0; p < width * height; p += 1, o += BYTES_PER_PIXEL) {
    raw[o] = rgba[p * 4] ?? 0;
    raw[o + 1] = rgba[p * 4 + 1] ?? 0;
    raw[o + 2] = rgba[p * 4 + 2] ?? 0;
  }
  const filtered = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const above = y === 0 ? undefined : raw.subarray((y - 1) * stride, y * stride);
    let bestType = FILTER_NONE;
    let bestScore = Infinity;
    for (let type = FILTER_NONE; type <= FILTER_PAETH; type += 1) {
      filterRow(type, row, above, candidate);
      const score = signedSum(candidate);
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(candidate);
      }
    }
    filtered[y * (stride + 1)] = bestType;
    filtered.set(best, y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(filtered, { level: deflateLevel })), chunk('IEND', Buffer.alloc(0))]);
}

/** Filters one row with `type` into `out`. Exported for the reader's round-trip spec. */
export function filterRow(type: number, row: Uint8Array, above: Uint8Array | undefined, out: Uint8Array): void {
  for (let i = 0; i < row.length; i += 1) {
    const a = i >= BYTES_PER_PIXEL ? (row[i - BYTES_PER_PIXEL] ?? 0) : 0;
    const b = above?.[i] ?? 0;
    const c = i >= BYTES_PER_PIXEL ? (above?.[i - BYTES_PER_PIXEL] ?? 0) : 0;
    out[i] = ((row[i] ?? 0) - predict(type, a, b, c)) & 0xff;
  }
}

/** The predictor of filter `type` from left `a`, above `b` and upper-left `c`. */
export function predict(type: number, a: number, b: number, c: number): number {
  switch (type) {
    case FILTER_SUB:
      return a;
    case FILTER_UP:
      return b;
    case FILTER_AVERAGE:
      return (a + b) >> 1;
    case FILTER_PAETH: {
      const p = a + b - c;
      const pa = abs(p - a);
      const pb = abs(p - b);
      const pc = abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      return 0;
  }
}

/** The usual heuristic: the filter whose bytes, read as signed, sum smallest in magnitude compresses best. */
function signedSum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const v = bytes[i] ?? 0;
    sum += v < 128 ? v : 256 - v;
  }
  return sum;
}

function abs(v: number): number {
  return v < 0 ? -v : v;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeBytes, data), 0);
  return Buffer.concat([length, typeBytes, data, crc]);
}
