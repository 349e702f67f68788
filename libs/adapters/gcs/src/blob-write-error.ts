/**
 * Why a GCS write (or existence check) failed, as the use case needs to know it:
 * `already-exists` (412: a create-only PNG is already there), `forbidden` (401/403),
 * `unavailable` (408/429/5xx or a network failure, after the client's own retries) or `unknown`.
 */
export type BlobWriteErrorCode = 'already-exists' | 'forbidden' | 'unavailable' | 'unknown';

/**
 * A failed `BlobStore` call on GCS. The message is one line naming `gs://<bucket>/<path>` and the
 * cause; the SDK's error stays in `cause`. The use case maps it to GCS_WRITE_FAILED (PNG) or
 * MANIFEST_WRITE_FAILED (manifest).
 */
export class BlobWriteError extends Error {
  override readonly name = 'BlobWriteError';

  constructor(
    readonly code: BlobWriteErrorCode,
    readonly bucket: string,
    /** The object path inside the bucket. */
    readonly objectPath: string,
    /** `put` for uploads, `exists` for the existence check, `list` for a listing under a prefix. */
    readonly operation: 'put' | 'exists' | 'list',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `gs://<bucket>/<objectPath>`. */
  get uri(): string {
    return `gs://${this.bucket}/${this.objectPath}`;
  }
}

/** true for a {@link BlobWriteError}, also across module copies (by `name`). */
export function isBlobWriteError(error: unknown): error is BlobWriteError {
  return error instanceof BlobWriteError || (error instanceof Error && error.name === 'BlobWriteError' && 'code' in error);
}
