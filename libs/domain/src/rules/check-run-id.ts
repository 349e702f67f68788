import { MAX_ID_LENGTH, RUN_ID_PATTERN } from '../contracts/common.schema.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import { describeValue } from './describe-value.js';

const RUN_ID = new RegExp(RUN_ID_PATTERN);

/**
 * A run id is `YYYYMMDD-HHmmss_<SYMBOL>_<suffix>` of at most 200 characters, like every other id: it is the
 * first segment of every object name and part of the lease's key. Returns a VALIDATION_FAILED error naming
 * `field` and the (truncated) value, or undefined when usable.
 */
export function checkRunId(field: string, value: unknown): DomainError | undefined {
  const problem =
    typeof value !== 'string' || !RUN_ID.test(value)
      ? `must match YYYYMMDD-HHmmss_<SYMBOL>_<suffix> (${RUN_ID_PATTERN})`
      : value.length > MAX_ID_LENGTH
        ? `must be at most ${MAX_ID_LENGTH} characters long`
        : undefined;
  if (problem === undefined) return undefined;
  return domainError('VALIDATION_FAILED', `${field} ${problem}, got ${describeValue(value)}`, { field, value: describeValue(value) });
}
