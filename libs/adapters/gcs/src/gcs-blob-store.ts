import { createHash } from 'node:crypto';
import type { Storage } from '@google-cloud/storage';
import type { BlobStore, BlobWrite } from '@worker-chart-export/domain';
import { toBlobWriteError } from './to-blob-write-error.js';

/**
 * PNGs and manifests as GCS objects (`gs://<bucket>/<path>`), uploaded whole in one request
 * (`resumable: false`: all or nothing, no partial object). A `createOnly` write carries
 * `ifGenerationMatch: 0`, so an existing object is never replaced; other writes overwrite.
 * Failures reject with a {@link BlobWriteError}.
 */
export class GcsBlobStore implements BlobStore {
  constructor(private readonly storage: Storage) {}

  async put(blob: BlobWrite): Promise<void> {
    const file = this.storage.bucket(blob.bucket).file(blob.path);
    const target = { bucket: blob.bucket, path: blob.path, operation: 'put' } as const;
    try {
      await file.save(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength), {
        resumable: false,
        contentType: blob.contentType,
        metadata: blob.cacheControl === undefined ? {} : { cacheControl: blob.cacheControl },
        ...(blob.createOnly ? { preconditionOpts: { ifGenerationMatch: 0 } } : {}),
      });
    } catch (error) {
      const translated = toBlobWriteError(error, target);
      // A retried create-only upload whose first attempt landed (its response was lost) meets its
      // own object: the same bytes mean the write is done, not a conflict.
      if (translated.code === 'already-exists' && (await this.holdsSameBytes(blob))) return;
      throw translated;
    }
  }

  async exists(bucket: string, path: string): Promise<boolean> {
    try {
      const [found] = await this.storage.bucket(bucket).file(path).exists();
      return found;
    } catch (error) {
      throw toBlobWriteError(error, { bucket, path, operation: 'exists' });
    }
  }

  async list(bucket: string, prefix: string): Promise<readonly string[]> {
    try {
      // autoPaginate follows every page token, so a step's objects are all listed whatever the page size.
      const [files] = await this.storage.bucket(bucket).getFiles({ prefix, autoPaginate: true });
      return files.map((file) => file.name).sort();
    } catch (error) {
      throw toBlobWriteError(error, { bucket, path: prefix, operation: 'list' });
    }
  }

  private async holdsSameBytes(blob: BlobWrite): Promise<boolean> {
    try {
      const [metadata] = await this.storage.bucket(blob.bucket).file(blob.path).getMetadata();
      const md5 = createHash('md5').update(blob.bytes).digest('base64');
      return metadata.md5Hash === md5 && Number(metadata.size) === blob.bytes.byteLength;
    } catch {
      return false;
    }
  }
}
