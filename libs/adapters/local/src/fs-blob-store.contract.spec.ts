import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '@worker-chart-export/domain/testing';
import { FsBlobStore } from './fs-blob-store.js';

describeBlobStoreContract('FsBlobStore', async () => {
  const storageDir = await mkdtemp(join(tmpdir(), 'fs-blob-store-contract-'));
  const store = new FsBlobStore(storageDir);
  return {
    store,
    read: async (bucket, path) => {
      try {
        return new Uint8Array(await readFile(store.filePath(bucket, path)));
      } catch {
        return undefined;
      }
    },
    dispose: () => rm(storageDir, { recursive: true, force: true }),
  };
});
