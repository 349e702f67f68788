import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { crc32c, objectHashes } from './object-hashes.js';

describe('objectHashes', () => {
  it('computes CRC32C (Castagnoli), not the zip CRC32', () => {
    // The standard check value of CRC-32C for "123456789".
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array())).toBe(0);
  });

  it('encodes both hashes in base64 as the JSON API does', () => {
    const bytes = Buffer.from('123456789');

    expect(objectHashes(bytes)).toEqual({
      crc32c: Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString('base64'),
      md5Hash: createHash('md5').update(bytes).digest('base64'),
    });
  });
});
