import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStorage, GcsBlobStore, GcsOhlcvSource } from '@worker-chart-export/adapter-gcs';
import { EXAMPLE_OHLCV_FILE } from '../ohlcv/example-ohlcv.js';
import { startFakeGcs } from './fake-gcs.js';
import type { FakeGcs } from './fake-gcs-types.js';

const BUCKET = 'flow-artifacts';
const OBJECT = 'ohlcv/20251215-102530_BTCUSDT_k3f7a/ohlcv_export:1h.json';

// GcsOhlcvSource through the real @google-cloud/storage client against the loopback fake.
describe('GcsOhlcvSource on the fake GCS', () => {
  let fake: FakeGcs;
  const storage = () => createStorage({ projectId: 'fake-project', apiEndpoint: fake.url, maxRetries: 0 }, {});

  beforeAll(async () => {
    fake = await startFakeGcs();
    const put = (path: string, text: string) =>
      new GcsBlobStore(storage()).put({ bucket: BUCKET, path, bytes: new TextEncoder().encode(text), contentType: 'application/json', createOnly: false });
    await put(OBJECT, readFileSync(EXAMPLE_OHLCV_FILE, 'utf8'));
    await put('ohlcv/bad.json', JSON.stringify({ metadata: {}, data: [] }));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('downloads and schema-checks the OHLCV export file', async () => {
    const file = await new GcsOhlcvSource(storage()).read(`gs://${BUCKET}/${OBJECT}`);

    expect(file.data).toHaveLength(500);
    expect(file.metadata.symbol).toBe('BTCUSDT');
  });

  it('rejects a missing object with one line naming the URI', async () => {
    await expect(new GcsOhlcvSource(storage()).read(`gs://${BUCKET}/ohlcv/none.json`)).rejects.toThrow(
      `cannot read OHLCV file gs://${BUCKET}/ohlcv/none.json: no such object`,
    );
  });

  it('rejects an object that breaks the schema, naming the field', async () => {
    await expect(new GcsOhlcvSource(storage()).read(`gs://${BUCKET}/ohlcv/bad.json`)).rejects.toThrow(
      `OHLCV file gs://${BUCKET}/ohlcv/bad.json is invalid: metadata.request_id`,
    );
  });
});
