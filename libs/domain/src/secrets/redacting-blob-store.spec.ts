import { describe, expect, it } from '@jest/globals';
import { InMemoryBlobStore } from '../testing/in-memory-blob-store.js';
import { RedactingBlobStore } from './redacting-blob-store.js';
import { createSecretRedactor, REDACTED } from './secret-redactor.js';

const KEY = 'sk-blob/9f"x';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('RedactingBlobStore', () => {
  const setup = () => {
    const inner = new InMemoryBlobStore();
    return { inner, store: new RedactingBlobStore(inner, createSecretRedactor([KEY])) };
  };
  const manifest = (message: string) => ({ runId: 'r', failures: [{ error: { code: 'CHART_API_FAILED', message } }] });

  it('rewrites a JSON object that holds the key, in any form, as valid JSON without it', async () => {
    const { inner, store } = setup();
    const message = `Chart-IMG 403: Invalid API key ${KEY} / ${encodeURIComponent(KEY)} / ${JSON.stringify(KEY).slice(1, -1).replaceAll('/', '\\/')}`;
    await store.put({
      bucket: 'b',
      path: 'm.json',
      bytes: encode(`${JSON.stringify(manifest(message), null, 2)}\n`),
      contentType: 'application/json',
      createOnly: false,
    });

    const written = decode(inner.objects.get('b/m.json')?.bytes);
    expect(JSON.parse(written)).toEqual(manifest(`Chart-IMG 403: Invalid API key ${REDACTED} / ${REDACTED} / ${REDACTED}`));
    expect(written).not.toContain('sk-blob');
  });

  it('passes a JSON object without the key on as it is, with its create-only and cache settings', async () => {
    const { inner, store } = setup();
    const bytes = encode('{"a":  1}');
    await store.put({ bucket: 'b', path: 'x.json', bytes, contentType: 'application/json', createOnly: true, cacheControl: 'no-cache' });
    expect(inner.objects.get('b/x.json')).toEqual({
      bucket: 'b',
      path: 'x.json',
      bytes,
      contentType: 'application/json',
      createOnly: true,
      cacheControl: 'no-cache',
    });
    expect(inner.objects.get('b/x.json')?.bytes).toBe(bytes);
  });

  it('never touches PNG bytes and answers exists and list from the inner store', async () => {
    const { inner, store } = setup();
    const bytes = encode(`not really a png ${KEY}`);
    await store.put({ bucket: 'b', path: 'p.png', bytes, contentType: 'image/png', createOnly: true });
    expect(inner.objects.get('b/p.png')?.bytes).toBe(bytes);
    expect(await store.exists('b', 'p.png')).toBe(true);
    expect(await store.exists('b', 'q.png')).toBe(false);
    expect(await store.list('b', 'p')).toEqual(await inner.list('b', 'p'));
  });
});
