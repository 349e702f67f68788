import { createHash } from 'node:crypto';

/** Longest lease id kept readable as is; Firestore refuses document ids over 1500 bytes. */
const MAX_PLAIN_ID_LENGTH = 400;
/** How much of a long id is kept in front of its hash, for people reading the collection. */
const HASHED_PREFIX_LENGTH = 200;

/**
 * `{runId}__{stepId}` with each part percent-encoded, so a `/` or `%` in an id can never address
 * another path. Run ids never contain `__` (RUN_ID_PATTERN), so the first `__` separates the parts.
 *
 * Percent-encoding triples every byte outside ASCII, so a 200-character step id can pass Firestore's
 * 1500-byte limit. An id longer than 400 characters becomes its first 200 characters, `#` and the sha256
 * of both ids: at most 265 bytes whatever the ids. `#` never occurs in the plain form (it is always
 * percent-encoded), so a hashed id cannot equal a plain one; ids that were short keep their old key.
 */
export function leaseDocumentId(runId: string, stepId: string): string {
  const plain = `${encodeURIComponent(runId)}__${encodeURIComponent(stepId)}`;
  if (plain.length <= MAX_PLAIN_ID_LENGTH) return plain;
  const digest = createHash('sha256')
    .update(JSON.stringify([runId, stepId]))
    .digest('hex');
  return `${plain.slice(0, HASHED_PREFIX_LENGTH)}#${digest}`;
}
