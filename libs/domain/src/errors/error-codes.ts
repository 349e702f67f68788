/** Step and request error codes, each explained in docs/design.md#error-codes. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'CHART_API_FAILED',
  'CHART_API_LIMIT_EXCEEDED',
  'CHART_API_MOCK_MISSING',
  'GCS_WRITE_FAILED',
  'MANIFEST_WRITE_FAILED',
  'STEP_LEASE_EXHAUSTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it is written into a manifest's `failures[]` or a step's `error`: no secrets, a readable message. */
export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export function domainError(code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return details === undefined ? { code, message } : { code, message, details };
}
