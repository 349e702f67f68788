/**
 * Cases that expose a bug not fixed yet, by id, with the bug. The corpus spec asserts that each of them still
 * fails (so a fix is noticed) and every other case passes. Remove an entry once its bug is fixed.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {};
