import { createHash } from 'node:crypto';

const CASTAGNOLI = 0x82f63b78;
const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CASTAGNOLI : c >>> 1;
  return c >>> 0;
});

/** CRC32C (Castagnoli), the checksum GCS keeps for every object. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The object hashes in the JSON API's encoding. The client compares them with what it sent and,
 * on a mismatch, deletes the object and fails the upload, so the fake must report them exactly.
 */
export function objectHashes(bytes: Uint8Array): { md5Hash: string; crc32c: string } {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32c(bytes));
  return { md5Hash: createHash('md5').update(bytes).digest('base64'), crc32c: crc.toString('base64') };
}
