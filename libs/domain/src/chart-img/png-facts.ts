const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const IHDR_TYPE = [0x49, 0x48, 0x44, 0x52] as const; // "IHDR"
const IHDR_DATA_LENGTH = 13;
/** Signature + IHDR length, type, data and CRC. */
const MIN_PNG_LENGTH = 8 + 4 + 4 + IHDR_DATA_LENGTH + 4;

function readUint32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) * 0x1000000 + (((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
}

function startsWith(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  return expected.every((byte, i) => bytes[offset + i] === byte);
}

/**
 * The pixel size from a PNG's IHDR chunk, or undefined when the bytes are not a PNG
 * (wrong signature, first chunk not a 13-byte IHDR, zero size, or too short).
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < MIN_PNG_LENGTH || !startsWith(bytes, 0, PNG_SIGNATURE)) return undefined;
  if (readUint32(bytes, 8) !== IHDR_DATA_LENGTH || !startsWith(bytes, 12, IHDR_TYPE)) return undefined;
  const width = readUint32(bytes, 16);
  const height = readUint32(bytes, 20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** true when the bytes start with the PNG signature followed by a valid IHDR chunk header. */
export function isPng(bytes: Uint8Array): boolean {
  return readPngSize(bytes) !== undefined;
}
