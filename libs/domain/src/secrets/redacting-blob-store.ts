import type { BlobStore } from '../ports/blob-store.js';
import type { SecretRedactor } from './secret-redactor.js';

/**
 * A {@link BlobStore} that removes secrets from every JSON object (the manifest, in a public bucket)
 * before the inner store writes it, in its text and in its decoded strings. PNGs pass through untouched.
 * A JSON text that holds no secret is written byte for byte; one that does is rewritten from its redacted
 * data (two-space indented), so the object stays valid JSON whatever the secret's characters. Every
 * argument is passed on, so a parameter the port gains later is never dropped here.
 */
export class RedactingBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly redactor: SecretRedactor,
  ) {}

  put(...args: Parameters<BlobStore['put']>): ReturnType<BlobStore['put']> {
    const [blob, ...rest] = args;
    if (blob.contentType !== 'application/json') return this.inner.put(blob, ...rest);
    const text = new TextDecoder().decode(blob.bytes);
    const clean = this.redactor.redactJson(text, 2);
    if (clean === text) return this.inner.put(blob, ...rest);
    return this.inner.put({ ...blob, bytes: new TextEncoder().encode(text.endsWith('\n') ? `${clean}\n` : clean) }, ...rest);
  }

  exists(...args: Parameters<BlobStore['exists']>): ReturnType<BlobStore['exists']> {
    return this.inner.exists(...args);
  }

  list(...args: Parameters<BlobStore['list']>): ReturnType<BlobStore['list']> {
    return this.inner.list(...args);
  }
}
