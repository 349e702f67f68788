import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Storage } from '@google-cloud/storage';
import { startFakeGcs } from './fake-gcs.js';
import type { FakeGcs } from './fake-gcs-types.js';
import { objectHashes } from './object-hashes.js';

const BUCKET = 'charts-test';
const PNG_NAME = 'runs/run-1/charts:1M:ctpl_x/BINANCE_BTCUSDT 1M+x.png';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x2d, 0x2d, 0xff]);

// The real client, not the adapter: these specs pin down the requests the client makes.
describe('startFakeGcs', () => {
  let fake: FakeGcs;
  let storage: Storage;

  beforeEach(async () => {
    fake = await startFakeGcs();
    storage = new Storage({ projectId: 'fake-project', apiEndpoint: fake.url, retryOptions: { autoRetry: false } });
  });

  afterEach(async () => {
    await fake.close();
  });

  const file = (name = PNG_NAME) => storage.bucket(BUCKET).file(name);
  const createOnly = { resumable: false, contentType: 'image/png', preconditionOpts: { ifGenerationMatch: 0 } } as const;

  it('listens on 127.0.0.1 and stores a simple upload with its metadata and hashes', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await file().save(PNG, { ...createOnly, metadata: { cacheControl: 'no-cache' } });

    const stored = fake.object(BUCKET, PNG_NAME);
    expect(stored).toMatchObject({ bucket: BUCKET, name: PNG_NAME, contentType: 'image/png', cacheControl: 'no-cache' });
    expect(stored?.bytes.equals(PNG)).toBe(true);
    expect(stored?.generation).toBeGreaterThan(0);
    expect(fake.objects.get(`${BUCKET}/${PNG_NAME}`)).toBe(stored);
  });

  it('receives a simple upload as a multipart POST with the name and precondition in the query', async () => {
    await file().save(PNG, createOnly);

    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: `/upload/storage/v1/b/${BUCKET}/o`,
        query: { uploadType: 'multipart', name: PNG_NAME, ifGenerationMatch: '0' },
        kind: 'upload',
        bucket: BUCKET,
        objectName: PNG_NAME,
        status: 200,
        injected: false,
      },
    ]);
  });

  it('answers metadata and media GETs on the percent-encoded object path', async () => {
    await file().save(PNG, createOnly);

    const [metadata] = await file().getMetadata();
    const [bytes] = await file().download();

    expect(metadata).toMatchObject({ name: PNG_NAME, contentType: 'image/png', size: String(PNG.length), ...objectHashes(PNG) });
    expect(bytes.equals(PNG)).toBe(true);
    const encoded = `/storage/v1/b/${BUCKET}/o/${encodeURIComponent(PNG_NAME)}`;
    expect(fake.requests.slice(1).map(({ method, path, query, kind }) => ({ method, path, query, kind }))).toEqual([
      { method: 'GET', path: encoded, query: {}, kind: 'metadata' },
      { method: 'GET', path: encoded, query: { alt: 'media' }, kind: 'media' },
    ]);
  });

  it('answers 404 for a missing object, which the client reads as not existing', async () => {
    const [exists] = await file('runs/missing.png').exists();

    expect(exists).toBe(false);
    expect(fake.requests.map((request) => request.status)).toEqual([404]);
  });

  it('refuses ifGenerationMatch=0 on an existing object with 412 and keeps the object', async () => {
    await file().save(PNG, createOnly);
    const before = fake.object(BUCKET, PNG_NAME);

    await expect(file().save(Buffer.from('other'), createOnly)).rejects.toMatchObject({ code: 412 });

    expect(fake.object(BUCKET, PNG_NAME)).toBe(before);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 412]);
  });

  it('overwrites without a precondition and when ifGenerationMatch names the current generation', async () => {
    await file('m.json').save('{"v":1}', { resumable: false, contentType: 'application/json' });
    await file('m.json').save('{"v":2}', { resumable: false, contentType: 'application/json' });
    const generation = fake.object(BUCKET, 'm.json')?.generation ?? 0;
    expect(generation).toBeGreaterThan(0);

    await file('m.json').save('{"v":3}', { resumable: false, preconditionOpts: { ifGenerationMatch: generation } });
    await expect(file('m.json').save('{"v":4}', { resumable: false, preconditionOpts: { ifGenerationMatch: generation } })).rejects.toMatchObject({
      code: 412,
    });

    expect(fake.object(BUCKET, 'm.json')?.bytes.toString()).toBe('{"v":3}');
    expect(fake.object(BUCKET, 'm.json')?.generation).toBeGreaterThan(generation);
  });

  it('accepts uploadType=media with the content type from the request header', async () => {
    const response = await fetch(`${fake.url}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=a%2Fb.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(200);
    expect(fake.object(BUCKET, 'a/b.json')).toMatchObject({ contentType: 'application/json', bytes: Buffer.from('{}') });
  });

  it('answers 400 to a multipart body it cannot split, storing nothing', async () => {
    const response = await fetch(`${fake.url}/upload/storage/v1/b/${BUCKET}/o?uploadType=multipart&name=x.png`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/related; boundary=b1' },
      body: '--b1\r\nContent-Type: application/json\r\n\r\n{}\r\n--b1--',
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('expected 2 (metadata, media)');
    expect(fake.objects.size).toBe(0);
  });

  it('lists the objects of a bucket under a prefix', async () => {
    await file('runs/r1/a.png').save(PNG, createOnly);
    await file('runs/r2/b.png').save(PNG, createOnly);
    await storage.bucket('other-bucket').file('runs/r1/c.png').save(PNG, createOnly);

    const [files] = await storage.bucket(BUCKET).getFiles({ prefix: 'runs/r1/' });

    expect(files.map((found) => found.name)).toEqual(['runs/r1/a.png']);
  });

  it('fails only the next matching requests, in order, and marks them injected', async () => {
    fake.failNext({ status: 503, times: 2, objectNameEndsWith: '.png' });

    await expect(file('runs/a.png').save(PNG, createOnly)).rejects.toMatchObject({ code: 503 });
    await file('runs/manifest.json').save('{}', { resumable: false, contentType: 'application/json' });
    await expect(file('runs/b.png').save(PNG, createOnly)).rejects.toMatchObject({ code: 503 });
    await file('runs/c.png').save(PNG, createOnly);

    expect(fake.requests.map(({ objectName, status, injected }) => [objectName, status, injected])).toEqual([
      ['runs/a.png', 503, true],
      ['runs/manifest.json', 200, false],
      ['runs/b.png', 503, true],
      ['runs/c.png', 200, false],
    ]);
    expect([...fake.objects.keys()].sort()).toEqual([`${BUCKET}/runs/c.png`, `${BUCKET}/runs/manifest.json`]);
  });

  it('answers an injected 403 with the JSON API error shape the client turns into an ApiError', async () => {
    fake.failNext({ status: 403, kinds: ['upload'] });

    const failure = file().save(PNG, createOnly);

    await expect(failure).rejects.toMatchObject({
      code: 403,
      message: expect.stringContaining("Permission 'storage.objects.create' denied"),
      errors: [expect.objectContaining({ reason: 'forbidden' })],
    });
    expect(fake.objects.size).toBe(0);
  });

  it('can drop the connection instead of answering', async () => {
    fake.failNext({ status: 'reset' });

    await expect(file().save(PNG, createOnly)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(fake.requests.map((request) => request.status)).toEqual(['reset']);
    expect(fake.objects.size).toBe(0);
  });

  it('can store an upload and still answer with the fault, like a lost response', async () => {
    fake.failNext({ status: 503, serveFirst: true });

    await expect(file().save(PNG, createOnly)).rejects.toMatchObject({ code: 503 });

    expect(fake.object(BUCKET, PNG_NAME)?.bytes.equals(PNG)).toBe(true);
  });

  it('applies a predicate over the request', async () => {
    fake.failNext({ status: 500, when: (request) => request.kind === 'metadata' });
    await file().save(PNG, createOnly);

    await expect(file().getMetadata()).rejects.toMatchObject({ code: 500 });
    expect(fake.requests.map(({ kind, status }) => [kind, status])).toEqual([
      ['upload', 200],
      ['metadata', 500],
    ]);
  });

  it('answers 501 naming a call it does not implement', async () => {
    const response = await fetch(`${fake.url}/storage/v1/b/${BUCKET}`, { method: 'PATCH' });

    expect(response.status).toBe(501);
    expect(JSON.stringify(await response.json())).toContain(`PATCH /storage/v1/b/${BUCKET}`);
    expect(fake.requests[0]).toMatchObject({ kind: 'unsupported', status: 501 });
  });

  it('holds uploads for the configured delay before storing them, only those matching, until turned off', async () => {
    fake.delayUploads(1_500, (request) => (request.objectName ?? '').endsWith('.png'));
    const slow = file('runs/slow.png').save(PNG, createOnly);
    await file('runs/fast.json').save('{}', { resumable: false, contentType: 'application/json' });
    expect(fake.object(BUCKET, 'runs/fast.json')).toBeDefined();
    expect(fake.object(BUCKET, 'runs/slow.png')).toBeUndefined();
    await slow;
    expect(fake.object(BUCKET, 'runs/slow.png')?.bytes.equals(PNG)).toBe(true);
    fake.delayUploads(0);
    await file('runs/later.png').save(PNG, createOnly);
    expect(fake.object(BUCKET, 'runs/later.png')).toBeDefined();
  });

  it('forgets objects, requests and faults on reset', async () => {
    await file().save(PNG, createOnly);
    fake.failNext({ status: 503 });

    fake.reset();
    await file().save(PNG, createOnly);

    expect(fake.requests.map((request) => request.status)).toEqual([200]);
    expect(fake.objects.size).toBe(1);
  });

  it('stops listening on close, also with keep-alive connections open', async () => {
    await file().save(PNG, createOnly);
    const { url } = fake;

    await fake.close();

    await expect(fetch(`${url}/storage/v1/b/${BUCKET}/o`)).rejects.toThrow();
    fake = await startFakeGcs(); // afterEach closes this one
  });
});
