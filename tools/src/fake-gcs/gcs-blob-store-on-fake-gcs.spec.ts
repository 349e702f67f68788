import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { BlobWrite } from '@worker-chart-export/domain';
import { BlobWriteError, createStorage, GcsBlobStore, type GcsStorageOptions } from '@worker-chart-export/adapter-gcs';
import { startFakeGcs } from './fake-gcs.js';
import type { FakeGcs } from './fake-gcs-types.js';

const BUCKET = 'charts-test';
const PNG_PATH = 'runs/run-1/charts:1M:ctpl_x/BINANCE_BTCUSDT_1M_ctpl_x_20260301T000000Z.png';
const MANIFEST_PATH = 'runs/run-1/charts:1M:ctpl_x/manifest.json';

function aPng(path = PNG_PATH, seed = 1): BlobWrite {
  const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
  return { bucket: BUCKET, path, bytes, contentType: 'image/png', createOnly: true };
}

function aManifest(version: number): BlobWrite {
  const bytes = new TextEncoder().encode(`${JSON.stringify({ runId: 'run-1', version })}\n`);
  return { bucket: BUCKET, path: MANIFEST_PATH, bytes, contentType: 'application/json', createOnly: false, cacheControl: 'no-cache' };
}

// GcsBlobStore through the real @google-cloud/storage client against the loopback fake.
describe('GcsBlobStore on the fake GCS', () => {
  let fake: FakeGcs;

  beforeAll(async () => {
    fake = await startFakeGcs();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake.close();
  });

  const storeWith = (options: Partial<GcsStorageOptions> = {}) =>
    new GcsBlobStore(createStorage({ projectId: 'fake-project', apiEndpoint: fake.url, ...options }, {}));
  const uploads = () => fake.requests.filter((request) => request.kind === 'upload');

  it('stores a PNG with content-type image/png, its bytes intact, as a create-only multipart upload', async () => {
    const png = aPng();

    await storeWith().put(png);

    const stored = fake.object(BUCKET, PNG_PATH);
    expect(stored?.contentType).toBe('image/png');
    expect(stored?.cacheControl).toBeUndefined();
    expect(stored?.bytes.equals(png.bytes)).toBe(true);
    expect(uploads().map((request) => request.query)).toEqual([{ uploadType: 'multipart', name: PNG_PATH, ifGenerationMatch: '0' }]);
  });

  it('round-trips object names holding ":" (stepIds like charts:1M:ctpl_x)', async () => {
    const store = storeWith();

    await store.put(aPng());

    expect([...fake.objects.keys()]).toEqual([`${BUCKET}/${PNG_PATH}`]);
    await expect(store.exists(BUCKET, PNG_PATH)).resolves.toBe(true);
    expect(fake.requests.at(-1)?.path).toBe(`/storage/v1/b/${BUCKET}/o/${encodeURIComponent(PNG_PATH)}`);
    expect(fake.requests.at(-1)?.path).toContain('charts%3A1M%3Actpl_x');
  });

  it('refuses a second create-only put of other bytes with already-exists and leaves the object unchanged', async () => {
    const store = storeWith();
    await store.put(aPng(PNG_PATH, 1));
    const before = fake.object(BUCKET, PNG_PATH);

    const second = store.put(aPng(PNG_PATH, 2));

    await expect(second).rejects.toBeInstanceOf(BlobWriteError);
    await expect(second).rejects.toMatchObject({
      name: 'BlobWriteError',
      code: 'already-exists',
      objectPath: PNG_PATH,
      message: expect.stringContaining(`gs://${BUCKET}/${PNG_PATH}`),
      cause: expect.objectContaining({ code: 412 }),
    });
    expect(fake.object(BUCKET, PNG_PATH)).toBe(before);
  });

  it('accepts a create-only put whose first attempt landed but whose response was lost', async () => {
    fake.failNext({ status: 503, serveFirst: true, objectNameEndsWith: '.png' });
    const png = aPng();

    await storeWith({ maxRetries: 1 }).put(png);

    expect(uploads().map((request) => request.status)).toEqual([503, 412]);
    expect(fake.object(BUCKET, PNG_PATH)?.bytes.equals(png.bytes)).toBe(true);
  });

  it('overwrites the manifest as application/json with cache-control no-cache', async () => {
    const store = storeWith();
    await store.put(aManifest(1));
    const first = fake.object(BUCKET, MANIFEST_PATH);

    await store.put(aManifest(2));

    const second = fake.object(BUCKET, MANIFEST_PATH);
    expect(second).toMatchObject({ contentType: 'application/json', cacheControl: 'no-cache' });
    expect(JSON.parse(second?.bytes.toString('utf8') ?? 'null')).toEqual({ runId: 'run-1', version: 2 });
    expect(second?.generation).toBeGreaterThan(first?.generation ?? Infinity);
    expect(uploads().map((request) => request.query['ifGenerationMatch'])).toEqual([undefined, undefined]);
  });

  it.each([
    ['a PNG', aPng(), '.png'],
    ['the manifest', aManifest(1), 'manifest.json'],
  ])('turns an injected 403 on %s into forbidden naming the object, and stores nothing', async (_what, blob, suffix) => {
    fake.failNext({ status: 403, objectNameEndsWith: suffix });

    const put = storeWith().put(blob);

    await expect(put).rejects.toMatchObject({ name: 'BlobWriteError', code: 'forbidden', operation: 'put', objectPath: blob.path });
    const error = (await put.catch((caught: unknown) => caught)) as BlobWriteError;
    expect(error.message).toContain(`gs://${BUCKET}/${blob.path}`);
    expect(error.message).toContain('HTTP 403');
    expect(error.message).not.toContain('\n');
    expect(fake.objects.size).toBe(0);
    expect(uploads()).toHaveLength(1);
  });

  it('turns a persistent 503 into unavailable after the client retried', async () => {
    fake.failNext({ status: 503, times: Infinity });

    await expect(storeWith({ maxRetries: 1 }).put(aPng())).rejects.toMatchObject({ code: 'unavailable', objectPath: PNG_PATH });

    expect(uploads().map((request) => request.status)).toEqual([503, 503]);
    expect(fake.objects.size).toBe(0);
  });

  it('stores a PNG when a 503 is followed by success (the client retries it)', async () => {
    fake.failNext({ status: 503, objectNameEndsWith: '.png' });
    const started = Date.now();

    await storeWith().put(aPng());

    const elapsedMs = Date.now() - started;
    expect(uploads().map((request) => request.status)).toEqual([503, 200]);
    expect(fake.object(BUCKET, PNG_PATH)).toBeDefined();
    // The SDK's own backoff puts the first retry 1-2 s later (measured: 1.1-1.9 s); bound it loosely.
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('retries the manifest overwrite too', async () => {
    fake.failNext({ status: 503, objectNameEndsWith: 'manifest.json' });

    await storeWith().put(aManifest(1));

    expect(uploads().map((request) => request.status)).toEqual([503, 200]);
    expect(fake.object(BUCKET, MANIFEST_PATH)).toBeDefined();
  });

  it('still retries PNG uploads after a manifest upload failed for good', async () => {
    const store = storeWith({ maxRetries: 1 });
    fake.failNext({ status: 503, times: 2, objectNameEndsWith: 'manifest.json' });
    await expect(store.put(aManifest(1))).rejects.toMatchObject({ code: 'unavailable' });
    fake.failNext({ status: 503, objectNameEndsWith: '.png' });

    await store.put(aPng());

    expect(uploads().map((request) => [request.objectName, request.status])).toEqual([
      [MANIFEST_PATH, 503],
      [MANIFEST_PATH, 503],
      [PNG_PATH, 503],
      [PNG_PATH, 200],
    ]);
  });

  it('retries a dropped connection', async () => {
    fake.failNext({ status: 'reset' });

    await storeWith().put(aPng());

    expect(uploads().map((request) => request.status)).toEqual(['reset', 200]);
  });

  it('answers exists() from the object metadata', async () => {
    const store = storeWith();
    await store.put(aPng());

    await expect(store.exists(BUCKET, PNG_PATH)).resolves.toBe(true);
    await expect(store.exists(BUCKET, 'runs/run-1/other.png')).resolves.toBe(false);
    await expect(store.exists('other-bucket', PNG_PATH)).resolves.toBe(false);
  });

  it('lists the object names under a prefix, sorted', async () => {
    const store = storeWith();
    const names = Array.from({ length: 3 }, (_, i) => `charts/r1/charts:1h:x/2025121${i}-000000_BTCUSDT_1h_t${i}.png`);
    for (const name of [...names].reverse()) await store.put(aPng(name));
    await store.put(aPng('charts/r2/charts:1h:x/20251210-000000_BTCUSDT_1h_t0.png'));

    await expect(store.list(BUCKET, 'charts/r1/charts:1h:x/')).resolves.toEqual(names);
    await expect(store.list(BUCKET, 'charts/r3/')).resolves.toEqual([]);
    expect(fake.requests.filter((r) => r.kind === 'list').map((r) => r.query['prefix'])).toEqual(['charts/r1/charts:1h:x/', 'charts/r3/']);
  });

  it('turns a 403 on list() into forbidden for the list operation', async () => {
    fake.failNext({ status: 403, kinds: ['list'] });

    await expect(storeWith().list(BUCKET, 'charts/r1/')).rejects.toMatchObject({ name: 'BlobWriteError', code: 'forbidden', operation: 'list' });
  });

  it('turns a 403 on exists() into forbidden for the exists operation', async () => {
    fake.failNext({ status: 403, kinds: ['metadata'] });

    await expect(storeWith().exists(BUCKET, PNG_PATH)).rejects.toMatchObject({
      name: 'BlobWriteError',
      code: 'forbidden',
      operation: 'exists',
      message: expect.stringMatching(new RegExp(`^cannot check gs://${BUCKET}/${PNG_PATH}: permission denied`)),
    });
  });

  it('reaches the endpoint in STORAGE_EMULATOR_HOST when no apiEndpoint is given', async () => {
    const host = fake.url.replace(/^http:\/\//, '');
    const store = new GcsBlobStore(createStorage({ projectId: 'fake-project' }, { STORAGE_EMULATOR_HOST: host }));

    await store.put(aPng());

    expect(fake.object(BUCKET, PNG_PATH)).toBeDefined();
  });

  it('sends every call to an explicit apiEndpoint even when process env STORAGE_EMULATOR_HOST points elsewhere', async () => {
    const saved = process.env['STORAGE_EMULATOR_HOST'];
    // A second fake, so a call that went there would be seen rather than merely fail.
    const elsewhere = await startFakeGcs();
    process.env['STORAGE_EMULATOR_HOST'] = elsewhere.url;
    try {
      const store = new GcsBlobStore(createStorage({ projectId: 'fake-project', apiEndpoint: fake.url, maxRetries: 0 }));

      await store.put(aPng());
      await expect(store.exists(BUCKET, PNG_PATH)).resolves.toBe(true);
    } finally {
      if (saved === undefined) delete process.env['STORAGE_EMULATOR_HOST'];
      else process.env['STORAGE_EMULATOR_HOST'] = saved;
      await elsewhere.close();
    }
    expect(fake.requests.map((request) => request.kind)).toEqual(['upload', 'metadata']);
    expect(elsewhere.requests).toEqual([]);
  });
});
