import { MAX_ID_LENGTH } from '../contracts/common.schema.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import { describeValue } from './describe-value.js';

/** Longest id accepted as an object-path segment. */
export const MAX_PATH_SEGMENT_LENGTH = MAX_ID_LENGTH;

/**
 * An id that becomes an object-path or file-name segment (`stepId`, `chartTemplateId`) must be a string of
 * 1..200 characters without `/`, `\`, `..` or control characters. A lone `.` is refused too: as a segment it
 * would fold into its parent directory on disk.
 * Returns a VALIDATION_FAILED error naming `field` and the (truncated) value, or undefined when safe.
 */
export function checkPathSegment(field: string, value: unknown): DomainError | undefined {
  const problem = pathSegmentProblem(value);
  if (problem === undefined) return undefined;
  return domainError('VALIDATION_FAILED', `${field} ${problem}, got ${describeValue(value)}`, {
    field,
    value: describeValue(value),
  });
}

function pathSegmentProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0 || value.length > MAX_PATH_SEGMENT_LENGTH) {
    return `must be 1 to ${MAX_PATH_SEGMENT_LENGTH} characters long`;
  }
  if (value.includes('/') || value.includes('\\')) return 'must not contain "/" or "\\"';
  if (value.includes('..') || value === '.') return 'must not contain ".." or be "."';
  if (hasControlCharacter(value)) return 'must not contain control characters';
  return undefined;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
