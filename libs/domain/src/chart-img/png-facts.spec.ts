import { describe, expect, it } from '@jest/globals';
import { isPng, readPngSize } from './png-facts.js';
import { pngHeader } from './__fixtures__/png-header.js';

describe('readPngSize', () => {
  it('reads width and height from the IHDR chunk', () => {
    expect(readPngSize(pngHeader(800, 600))).toEqual({ width: 800, height: 600 });
    expect(readPngSize(pngHeader(2048, 1920))).toEqual({ width: 2048, height: 1920 });
  });

  it('reads sizes above 2^31 without going negative', () => {
    expect(readPngSize(pngHeader(0x80000001, 1))).toEqual({ width: 0x80000001, height: 1 });
  });

  it('is undefined for a JSON error body', () => {
    expect(readPngSize(new TextEncoder().encode('{"message":"Forbidden"}'))).toBeUndefined();
  });

  it('is undefined for a JPEG', () => {
    expect(readPngSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(40).fill(0)]))).toBeUndefined();
  });

  it('is undefined when the signature is right but the first chunk is not IHDR', () => {
    const bytes = pngHeader(800, 600);
    bytes[12] = 0x49;
    bytes[13] = 0x44; // "IDAT"-like
    expect(readPngSize(bytes)).toBeUndefined();
  });

  it('is undefined when the body stops inside the IHDR chunk', () => {
    expect(readPngSize(pngHeader(800, 600).subarray(0, 30))).toBeUndefined();
  });

  it('is undefined for a zero-sized image', () => {
    expect(readPngSize(pngHeader(0, 600))).toBeUndefined();
  });
});

describe('isPng', () => {
  it('accepts a PNG header and rejects an empty body', () => {
    expect(isPng(pngHeader(400, 300))).toBe(true);
    expect(isPng(new Uint8Array())).toBe(false);
  });
});
