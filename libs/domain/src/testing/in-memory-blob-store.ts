import type { BlobStore, BlobWrite } from '../ports/blob-store.js';

/** A BlobStore in a Map, with failure injection by path predicate. */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, BlobWrite>();
  failWhen: (blob: BlobWrite) => string | undefined = () => undefined;

  async put(blob: BlobWrite): Promise<void> {
    const failure = this.failWhen(blob);
    if (failure !== undefined) throw new Error(failure);
    const key = `${blob.bucket}/${blob.path}`;
    if (blob.createOnly && this.objects.has(key)) throw new Error(`object ${key} already exists`);
    this.objects.set(key, blob);
  }

  async exists(bucket: string, path: string): Promise<boolean> {
    return this.objects.has(`${bucket}/${path}`);
  }

  paths(): string[] {
    return [...this.objects.keys()].sort();
  }

  json(key: string): unknown {
    const blob = this.objects.get(key);
    return blob === undefined ? undefined : JSON.parse(new TextDecoder().decode(blob.bytes));
  }
}
