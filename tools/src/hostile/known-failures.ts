/**
 * Cases that expose a bug not fixed yet, by id, with the bug. The corpus spec asserts that each of them still
 * fails (so a fix is noticed) and every other case passes. Remove an entry once its bug is fixed.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'fr-run-id-number':
    'RunChartExportStep claims the step under the command runId but finalizes it under the document runId field (lenient view: ""), so the claimed step stays RUNNING',
  'fr-run-id-missing': 'as fr-run-id-number: without a runId field the finalize goes to flow_run "" and the claimed step stays RUNNING',
  'fr-run-id-mismatch':
    'a runId field naming another run is not checked against the document id: the step renders into the other run\'s paths and its finalize misses, leaving the claimed step RUNNING',
  'ac-key-in-plan': 'parseAccountsConfig echoes a field value truncated to 30 characters before scrubbing keys, so most of a key pasted into plan leaks',
  'cli-unknown-flag': 'commander\'s "(Did you mean --flow-run-path?)" suggestion is a second stderr line',
};
