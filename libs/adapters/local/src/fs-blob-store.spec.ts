import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { BlobWrite } from '@worker-chart-export/domain';
import { FsBlobStore } from './fs-blob-store.js';
import { useTempDir } from './testing/use-temp-dir.js';

const STEP_PREFIX = 'charts/20251215-102530_BTCUSDT_k3f7a/charts:1h:all_templates';

/** A write of `text` as `<STEP_PREFIX>/<name>` in charts-local, with the headers the kind of object takes. */
const aWrite = (name: string, text: string, kind: Pick<BlobWrite, 'contentType' | 'createOnly' | 'cacheControl'>): BlobWrite => ({
  bucket: 'charts-local',
  path: `${STEP_PREFIX}/${name}`,
  bytes: new TextEncoder().encode(text),
  ...kind,
});
const png = (text: string) => aWrite('20251215-102612_BTCUSDT_1h_ctpl_a_v1.png', text, { contentType: 'image/png', createOnly: true });
const manifest = (text: string) => aWrite('manifest.json', text, { contentType: 'application/json', createOnly: false, cacheControl: 'no-cache' });

describe('FsBlobStore', () => {
  const storageDir = useTempDir('fs-blob-store');

  it('writes the bytes to <storageDir>/<bucket>/<path>, creating the directories', async () => {
    await new FsBlobStore(storageDir()).put(png('first'));

    await expect(readFile(join(storageDir(), 'charts-local', png('').path), 'utf8')).resolves.toBe('first');
  });

  it('leaves no temp file beside the object', async () => {
    await new FsBlobStore(storageDir()).put(manifest('{}'));

    const dir = join(storageDir(), 'charts-local', STEP_PREFIX);
    await expect(readdir(dir)).resolves.toEqual(['manifest.json']);
  });

  it('refuses to overwrite an existing object when createOnly is set, keeping the first bytes', async () => {
    const store = new FsBlobStore(storageDir());
    await store.put(png('first'));

    await expect(store.put(png('second'))).rejects.toThrow(
      `cannot write gs://charts-local/${png('').path} to ${join(storageDir(), 'charts-local', png('').path)}: the object already exists`,
    );
    await expect(readFile(join(storageDir(), 'charts-local', png('').path), 'utf8')).resolves.toBe('first');
    await expect(readdir(join(storageDir(), 'charts-local', STEP_PREFIX))).resolves.toHaveLength(1);
  });

  it('accepts a createOnly write of the very bytes already stored (a retried upload), leaving one object', async () => {
    const store = new FsBlobStore(storageDir());
    await store.put(png('same'));

    await expect(store.put(png('same'))).resolves.toBeUndefined();
    await expect(readFile(join(storageDir(), 'charts-local', png('').path), 'utf8')).resolves.toBe('same');
    await expect(readdir(join(storageDir(), 'charts-local', STEP_PREFIX))).resolves.toHaveLength(1);
  });

  it('overwrites an existing object when createOnly is not set', async () => {
    const store = new FsBlobStore(storageDir());
    await store.put(manifest('{"v":1}'));

    await store.put(manifest('{"v":2}'));

    await expect(readFile(join(storageDir(), 'charts-local', manifest('').path), 'utf8')).resolves.toBe('{"v":2}');
  });

  it('rejects with a message naming the object and the cause when the directory cannot be created', async () => {
    // A file where a directory must go.
    await writeFile(join(storageDir(), 'charts-local'), 'not a directory');

    await expect(new FsBlobStore(storageDir()).put(png('x'))).rejects.toThrow(
      new RegExp(`^cannot write gs://charts-local/charts/.*\\.png to .*: (EEXIST|ENOTDIR)`),
    );
  });

  it.each([
    ['charts-local', '../../escape.png'],
    ['charts-local', '/etc/escape.png'],
    ['..', 'escape.png'],
    ['a/b', 'x.png'],
    ['', 'x.png'],
    ['charts-local', ''],
    ['charts-local', 'a\\..\\..\\x.png'],
  ])('refuses bucket %j with path %j, which would leave the storage directory', async (bucket, path) => {
    const store = new FsBlobStore(join(storageDir(), 'inner'));

    await expect(store.put({ ...png('x'), bucket, path })).rejects.toThrow('would be stored outside');
    await expect(readdir(storageDir())).resolves.toEqual([]);
  });

  it('tells whether an object exists', async () => {
    const store = new FsBlobStore(storageDir());
    await store.put(png('x'));

    await expect(store.exists('charts-local', png('').path)).resolves.toBe(true);
    await expect(store.exists('charts-local', 'charts/other.png')).resolves.toBe(false);
    await expect(store.exists('other-bucket', png('').path)).resolves.toBe(false);
  });

  it('reports a path under a file as absent rather than failing', async () => {
    await mkdir(join(storageDir(), 'charts-local'));
    await writeFile(join(storageDir(), 'charts-local', 'charts'), 'a file');

    await expect(new FsBlobStore(storageDir()).exists('charts-local', 'charts/x.png')).resolves.toBe(false);
  });

  it('lists the objects under a prefix, sorted, as object names; none for a prefix with nothing under it', async () => {
    const store = new FsBlobStore(storageDir());
    const object = (path: string): BlobWrite => ({ bucket: 'charts-local', path, bytes: new Uint8Array([1]), contentType: 'image/png', createOnly: true });
    await store.put(object('charts/r1/charts:1h:x/20251215-102612_BTCUSDT_1h_b.png'));
    await store.put(object('charts/r1/charts:1h:x/20251215-102611_BTCUSDT_1h_a.png'));
    await store.put(object('charts/r1/charts:1h:xy/20251215-102611_BTCUSDT_1h_c.png'));
    await store.put(object('charts/r2/charts:1h:x/20251215-102611_BTCUSDT_1h_a.png'));

    await expect(store.list('charts-local', 'charts/r1/charts:1h:x/')).resolves.toEqual([
      'charts/r1/charts:1h:x/20251215-102611_BTCUSDT_1h_a.png',
      'charts/r1/charts:1h:x/20251215-102612_BTCUSDT_1h_b.png',
    ]);
    await expect(store.list('charts-local', 'charts/r1/charts:1h:x')).resolves.toHaveLength(3);
    await expect(store.list('charts-local', 'charts/r3/')).resolves.toEqual([]);
    await expect(store.list('other-bucket', 'charts/')).resolves.toEqual([]);
  });
});
