import { describeBlobStoreContract } from '../testing/blob-store.contract.js';
import { InMemoryBlobStore } from '../testing/in-memory-blob-store.js';
import { RedactingBlobStore } from './redacting-blob-store.js';
import { createSecretRedactor } from './secret-redactor.js';

describeBlobStoreContract('RedactingBlobStore over InMemoryBlobStore', async () => {
  const inner = new InMemoryBlobStore();
  return {
    store: new RedactingBlobStore(inner, createSecretRedactor(['contract-secret-key'])),
    read: async (bucket, path) => inner.objects.get(`${bucket}/${path}`)?.bytes,
  };
});
