import { describeBlobStoreContract } from './blob-store.contract.js';
import { InMemoryBlobStore } from './in-memory-blob-store.js';

describeBlobStoreContract('InMemoryBlobStore', async () => {
  const store = new InMemoryBlobStore();
  return { store, read: async (bucket, path) => store.objects.get(`${bucket}/${path}`)?.bytes };
});
