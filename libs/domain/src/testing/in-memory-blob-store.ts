import type { BlobStore, BlobWrite } from '../ports/blob-store.js';

/** A BlobStore in a Map, with failure injection by path predicate. */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, BlobWrite>();
  failWhen: (blob: BlobWrite) => string | undefined = () => undefined;
  /** Runs before each `put` is applied (e.g. a slow upload: `clock.sleep`). */
  beforePut: (blob: BlobWrite) => Promise<void> = async () => undefined;

  async put(blob: BlobWrite): Promise<void> {
    await this.beforePut(blob);
    const failure = this.failWhen(blob);
    if (failure !== undefined) throw new Error(failure);
    const key = `${blob.bucket}/${blob.path}`;
    const existing = this.objects.get(key);
    // A create-only rewrite of the same bytes is a retried upload that already landed: done, as GCS and files answer.
    if (blob.createOnly && existing !== undefined && !sameBytes(existing.bytes, blob.bytes))
      throw new Error(`cannot write gs://${key}: the object already exists`);
    if (blob.createOnly && existing !== undefined) return;
    this.objects.set(key, blob);
  }

  async exists(bucket: string, path: string): Promise<boolean> {
    return this.objects.has(`${bucket}/${path}`);
  }

  async list(bucket: string, prefix: string): Promise<readonly string[]> {
    return [...this.objects.values()]
      .filter((blob) => blob.bucket === bucket && blob.path.startsWith(prefix))
      .map((blob) => blob.path)
      .sort();
  }

  paths(): string[] {
    return [...this.objects.keys()].sort();
  }

  json(key: string): unknown {
    const blob = this.objects.get(key);
    return blob === undefined ? undefined : JSON.parse(new TextDecoder().decode(blob.bytes));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}
