import { IdempotencyStrategy, Storage } from '@google-cloud/storage';
import { resolveStorageEndpoint } from './storage-endpoint.js';

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TOTAL_TIMEOUT_SECONDS = 30;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface GcsStorageOptions {
  /** Absent: the SDK's own discovery (GOOGLE_CLOUD_PROJECT, metadata server). */
  readonly projectId?: string;
  /** Endpoint origin such as `http://127.0.0.1:4443`; wins over env `STORAGE_EMULATOR_HOST`. */
  readonly apiEndpoint?: string;
  /** Retries after a failed attempt (408/429/5xx, connection resets); 0 disables them. Default 2. */
  readonly maxRetries?: number;
  /** No retry starts after this many seconds. Default 30. */
  readonly totalTimeoutSeconds?: number;
  /** Per HTTP attempt. Default 30 000 ms. */
  readonly requestTimeoutMs?: number;
}

/**
 * A Storage client for the blob store. Endpoint: `apiEndpoint`, else `STORAGE_EMULATOR_HOST`, else
 * Google's; a custom endpoint is used without credentials (the SDK's rule for emulators).
 *
 * Retries use `IdempotencyStrategy.RetryAlways`, which is safe here because every call this adapter
 * makes is idempotent: PNG uploads carry `ifGenerationMatch: 0`, the manifest overwrite writes the
 * same bytes again, the rest are reads. It also avoids an SDK flaw: under the default
 * `RetryConditional`, a failed upload without a precondition (the manifest) switches `autoRetry`
 * off on the shared client and leaves it off, so later PNG uploads would no longer be retried.
 */
export function createStorage(options: GcsStorageOptions = {}, env: NodeJS.ProcessEnv = process.env): Storage {
  const endpoint = resolveStorageEndpoint(options.apiEndpoint, env);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new Error(`GCS maxRetries ${String(options.maxRetries)} must be a whole number >= 0`);
  }
  const storage = new Storage({
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
    ...(endpoint === undefined ? {} : { apiEndpoint: endpoint }),
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retryOptions: {
      // The SDK treats maxRetries 0 as "use the default 3", so 0 turns retrying off instead.
      autoRetry: maxRetries > 0,
      maxRetries: Math.max(1, maxRetries),
      retryDelayMultiplier: 2,
      maxRetryDelay: 8,
      totalTimeout: options.totalTimeoutSeconds ?? DEFAULT_TOTAL_TIMEOUT_SECONDS,
      idempotencyStrategy: IdempotencyStrategy.RetryAlways,
    },
  });
  // With STORAGE_EMULATOR_HOST set, the SDK takes its raw value as the base URL of the non-upload
  // calls, even when apiEndpoint points elsewhere; pin both to the endpoint chosen above.
  if (endpoint !== undefined) storage.baseUrl = `${storage.apiEndpoint}/storage/v1`;
  return storage;
}
