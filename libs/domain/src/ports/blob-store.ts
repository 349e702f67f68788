/** An object to store: `gs://<bucket>/<path>` in the cloud, `<storage-dir>/<bucket>/<path>` locally. */
export interface BlobWrite {
  readonly bucket: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly contentType: 'image/png' | 'application/json';
  /** true for PNGs: never replace an existing object. false for the manifest: overwrite. */
  readonly createOnly: boolean;
  /** e.g. `no-cache` for the manifest. */
  readonly cacheControl?: string;
}

/**
 * Where PNGs and manifests are stored, as objects named `gs://<bucket>/<path>`.
 *
 * Rules every implementation keeps (`describeBlobStoreContract` checks them):
 * - `put` writes the object whole or not at all: a failed `put` leaves no partial object, and a reader
 *   sees either the old bytes or the new ones;
 * - `createOnly: false` replaces whatever the object held;
 * - `createOnly: true` creates the object when it does not exist; when it does, the same bytes again succeed
 *   without changing it (a retried upload whose first answer was lost), other bytes reject and the stored bytes
 *   stay. Of concurrent create-only writes of different bytes, exactly one succeeds;
 * - failures reject with an Error whose one-line message names the object as `gs://<bucket>/<path>` and the
 *   cause (the use case maps them to GCS_WRITE_FAILED / MANIFEST_WRITE_FAILED).
 */
export interface BlobStore {
  put(blob: BlobWrite): Promise<void>;
  /** true when an object with exactly this name exists; a name that only prefixes other objects' names is not one. */
  exists(bucket: string, path: string): Promise<boolean>;
  /**
   * The names of the bucket's objects that start with `prefix` (a plain string prefix: `a/b` also matches
   * `a/bc/x`), sorted, `[]` when there are none: how a later attempt finds the PNGs an earlier one stored but
   * died before noting in its lease.
   */
  list(bucket: string, prefix: string): Promise<readonly string[]>;
}
export const BlobStore = Symbol.for('worker-chart-export.BlobStore');
