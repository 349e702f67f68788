const MAX_ID_BYTES = 1500;

/**
 * true when `id` can be one Firestore document id: no `/`, not `.` or `..`, not `__x__`
 * (reserved), at most 1500 bytes. Anything else would address another path or be refused.
 */
export function isDocumentId(id: string): boolean {
  return id.length > 0 && !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id) && Buffer.byteLength(id, 'utf8') <= MAX_ID_BYTES;
}
