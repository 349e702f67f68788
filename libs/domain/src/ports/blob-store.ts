/** An object to store: `gs://<bucket>/<path>` in the cloud, `<storage-dir>/<bucket>/<path>` locally. */
export interface BlobWrite {
  readonly bucket: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly contentType: 'image/png' | 'application/json';
  /** true for PNGs: never overwrite an existing object. false for the manifest: overwrite. */
  readonly createOnly: boolean;
  /** e.g. `no-cache` for the manifest. */
  readonly cacheControl?: string;
}

/**
 * Where PNGs and manifests are stored. Writes are whole or absent: a failed `put`
 * leaves no partial object. Failures reject with an Error whose message names the cause
 * (the use case maps them to GCS_WRITE_FAILED / MANIFEST_WRITE_FAILED).
 */
export interface BlobStore {
  put(blob: BlobWrite): Promise<void>;
  /** true when the object exists (used to reuse PNGs stored by an earlier attempt). */
  exists(bucket: string, path: string): Promise<boolean>;
}
export const BlobStore = Symbol.for('worker-chart-export.BlobStore');
