import { afterAll, beforeAll } from '@jest/globals';
import { createStorage, GcsBlobStore } from '@worker-chart-export/adapter-gcs';
import { describeBlobStoreContract } from '@worker-chart-export/domain/testing';
import { startFakeGcs } from './fake-gcs.js';
import type { FakeGcs } from './fake-gcs-types.js';

// GcsBlobStore through the real @google-cloud/storage client against the loopback fake of the JSON API.
let fake: FakeGcs;
beforeAll(async () => {
  fake = await startFakeGcs();
});
afterAll(async () => {
  await fake.close();
});

describeBlobStoreContract('GcsBlobStore on the fake GCS', async () => {
  fake.reset();
  const store = new GcsBlobStore(createStorage({ projectId: 'fake-project', apiEndpoint: fake.url, maxRetries: 0 }, {}));
  return {
    store,
    read: async (bucket, path) => {
      const object = fake.object(bucket, path);
      return object === undefined ? undefined : new Uint8Array(object.bytes);
    },
  };
});
