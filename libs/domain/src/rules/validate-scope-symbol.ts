import { domainError, type DomainError } from '../errors/error-codes.js';
import { describeValue } from './describe-value.js';

const SCOPE_SYMBOL = /^[A-Z0-9._!-]{1,64}$/;

/**
 * `scope.symbol` is a base symbol (e.g. `BTCUSDT`) of 1..64 characters of `A-Z 0-9 . _ - !`, without `..`
 * because it lands in PNG file names (docs/design.md#naming-rules). Returns a VALIDATION_FAILED error naming the value, or undefined.
 */
export function validateScopeSymbol(value: unknown): DomainError | undefined {
  if (typeof value === 'string' && SCOPE_SYMBOL.test(value) && !value.includes('..')) return undefined;
  return domainError(
    'VALIDATION_FAILED',
    `scope.symbol must be a base symbol of 1 to 64 characters of A-Z 0-9 . _ - ! (e.g. BTCUSDT, no slash, no ".."), got ${describeValue(value)}`,
    { field: 'scope.symbol', value: describeValue(value) },
  );
}
