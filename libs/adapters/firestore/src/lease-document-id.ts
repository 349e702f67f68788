/**
 * `{runId}__{stepId}` with each part percent-encoded, so a `/` or `%` in an id can never address
 * another path. Run ids never contain `__` (RUN_ID_PATTERN), so the first `__` separates the parts.
 */
export function leaseDocumentId(runId: string, stepId: string): string {
  return `${encodeURIComponent(runId)}__${encodeURIComponent(stepId)}`;
}
