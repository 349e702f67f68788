import type { ErrorCode } from '../errors/error-codes.js';

export type RetriableReason = 'server-error' | 'timeout' | 'network' | 'too-large' | 'not-png' | 'rate-limited';

/** What one Chart-IMG answer means for the request and the account (docs/design.md#provider-answers). */
export type ChartVerdict =
  | { readonly type: 'image'; readonly bytes: Uint8Array }
  /** Worth another attempt (after a wait for `rate-limited`). */
  | {
      readonly type: 'retriable';
      readonly reason: RetriableReason;
      readonly message: string;
      readonly httpStatus?: number;
      readonly retryAfterMs?: number;
    }
  /** 429 `Limit Exceeded`: the account is out of quota until its window ends; try another account. */
  | { readonly type: 'quota-exhausted'; readonly message: string; readonly httpStatus: 429 }
  /** 403 `Forbidden`: the key was rejected; disable the account, try another. */
  | { readonly type: 'key-rejected'; readonly message: string; readonly httpStatus: 403 }
  /**
   * 403 `Exceed Max Usage ...`: the account's plan cannot serve this request; try one that can.
   * `limit`: the limit the message named (`Resolution Limit`, `Parameter Limit`), when it named one.
   */
  | { readonly type: 'plan-limit'; readonly message: string; readonly httpStatus: 403; readonly limit?: 'resolution' | 'parameters' }
  /** No retry: the request itself is wrong, or (mock) there is nothing to replay. */
  | {
      readonly type: 'fatal';
      readonly code: ErrorCode;
      readonly message: string;
      readonly httpStatus?: number;
      readonly details: Record<string, unknown>;
    };
