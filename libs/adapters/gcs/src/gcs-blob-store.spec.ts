import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { BlobWriteError } from './blob-write-error.js';
import { createStorage } from './create-storage.js';
import { GcsBlobStore } from './gcs-blob-store.js';

// Behaviour against a GCS JSON API fake lives in tools/src/fake-gcs/gcs-blob-store-on-fake-gcs.spec.ts
// (adapters may not import tools); here: a real client facing a loopback port nobody listens on.
async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function storeFacingNobody(): Promise<GcsBlobStore> {
  return new GcsBlobStore(createStorage({ projectId: 'p', apiEndpoint: `http://127.0.0.1:${await closedLoopbackPort()}`, maxRetries: 0 }, {}));
}

describe('GcsBlobStore', () => {
  it('rejects a put with BlobWriteError unavailable naming the object when nothing listens', async () => {
    const store = await storeFacingNobody();
    const put = store.put({ bucket: 'charts', path: 'runs/r1/a.png', bytes: new Uint8Array([1]), contentType: 'image/png', createOnly: true });

    await expect(put).rejects.toBeInstanceOf(BlobWriteError);
    await expect(put).rejects.toMatchObject({
      code: 'unavailable',
      operation: 'put',
      message: expect.stringMatching(/^cannot write gs:\/\/charts\/runs\/r1\/a\.png: storage unavailable \(ECONNREFUSED: /),
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
  });

  it('rejects exists() the same way, as the exists operation', async () => {
    const store = await storeFacingNobody();

    await expect(store.exists('charts', 'runs/r1/a.png')).rejects.toMatchObject({
      name: 'BlobWriteError',
      code: 'unavailable',
      operation: 'exists',
      objectPath: 'runs/r1/a.png',
    });
  });
});
