import { BlobWriteError, type BlobWriteErrorCode } from './blob-write-error.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const RETRYABLE_STATUSES = new Set([408, 429]);
const MAX_CAUSE_LENGTH = 300;

/** Where the failure happened, for the message and the error's fields. */
export interface BlobTarget {
  readonly bucket: string;
  readonly path: string;
  readonly operation: BlobWriteError['operation'];
}

/**
 * Translates what `@google-cloud/storage` throws (an `ApiError` with the HTTP status in `code`, a
 * fetch error with a socket `code`, or its own integrity errors) into a {@link BlobWriteError}.
 */
export function toBlobWriteError(error: unknown, target: BlobTarget): BlobWriteError {
  if (error instanceof BlobWriteError) return error;
  const status = httpStatusOf(error);
  const code = classify(error, status);
  const uri = `gs://${target.bucket}/${target.path}`;
  const cause = describeCause(error, status);
  const verb = target.operation === 'put' ? 'cannot write' : target.operation === 'list' ? 'cannot list' : 'cannot check';
  const message =
    code === 'already-exists'
      ? `${verb} ${uri}: the object already exists and is never overwritten (${cause})`
      : code === 'forbidden'
        ? `${verb} ${uri}: permission denied (${cause})`
        : code === 'unavailable'
          ? `${verb} ${uri}: storage unavailable (${cause})`
          : `${verb} ${uri}: ${cause}`;
  return new BlobWriteError(code, target.bucket, target.path, target.operation, message, { cause: error });
}

function classify(error: unknown, status: number | undefined): BlobWriteErrorCode {
  if (status === 412) return 'already-exists';
  if (status === 401 || status === 403) return 'forbidden';
  if (status !== undefined && (status >= 500 || RETRYABLE_STATUSES.has(status))) return 'unavailable';
  if (status === undefined && isNetworkFailure(error)) return 'unavailable';
  return 'unknown';
}

function httpStatusOf(error: unknown): number | undefined {
  const code = fieldOf(error, 'code');
  const status = typeof code === 'number' ? code : typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : undefined;
  return status !== undefined && status >= 100 && status <= 599 ? status : undefined;
}

function isNetworkFailure(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && NETWORK_CODES.has(code.toUpperCase())) return true;
  // node-fetch (under the SDK's teeny-request) reports timeouts as FetchError type `request-timeout`.
  const type = fieldOf(error, 'type');
  return type === 'request-timeout' || type === 'body-timeout';
}

function describeCause(error: unknown, status: number | undefined): string {
  const text = firstLine(error instanceof Error ? error.message : String(error));
  const code = fieldOf(error, 'code');
  const prefix = status !== undefined ? `HTTP ${status}` : typeof code === 'string' && code !== '' ? code : undefined;
  const described = prefix === undefined ? text : text === '' ? prefix : `${prefix}: ${text}`;
  return described.length > MAX_CAUSE_LENGTH ? `${described.slice(0, MAX_CAUSE_LENGTH - 1)}…` : described;
}

function firstLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  // The SDK folds differing body messages into "Multiple errors occurred ... 1. <first> 2. ...".
  if (lines[0]?.startsWith('Multiple errors occurred')) {
    const first = lines.find((line) => line.startsWith('1. '));
    if (first !== undefined) return first.slice(3);
  }
  return lines[0] ?? '';
}

function fieldOf(error: unknown, field: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
}
