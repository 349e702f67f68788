import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FixtureFormatError, FixtureStore } from './fixture-store.js';
import { pngOf } from './testing/index.js';

const KEY = 'BINANCE_BTCUSDT__1h__ctpl_test_v1';

describe('FixtureStore', () => {
  let dir: string;
  let store: FixtureStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fixture-store-'));
    store = new FixtureStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the PNG stored as <key>.png', async () => {
    const png = pngOf(4, 3);
    await writeFile(join(dir, `${KEY}.png`), png);

    expect(await store.find(KEY)).toEqual({ type: 'png', bytes: png });
  });

  it('finds an error fixture <key>__<STATUS>_<MESSAGE>.json with its status and body', async () => {
    const file = join(dir, `${KEY}__429_LIMIT_EXCEEDED.json`);
    await writeFile(file, JSON.stringify({ status: 429, body: { message: 'Limit Exceeded' } }));

    expect(await store.find(KEY)).toEqual({ type: 'error', status: 429, body: { message: 'Limit Exceeded' }, file });
  });

  it('prefers the PNG when a key has both a PNG and an error fixture', async () => {
    await writeFile(join(dir, `${KEY}.png`), pngOf(2, 2));
    await writeFile(join(dir, `${KEY}__500_SOMETHING_WENT_WRONG.json`), JSON.stringify({ status: 500, body: {} }));

    expect((await store.find(KEY))?.type).toBe('png');
  });

  it('takes the first error fixture by file name when a key has several', async () => {
    await writeFile(join(dir, `${KEY}__500_SOMETHING_WENT_WRONG.json`), JSON.stringify({ status: 500, body: {} }));
    await writeFile(join(dir, `${KEY}__429_LIMIT_EXCEEDED.json`), JSON.stringify({ status: 429, body: {} }));

    expect(await store.find(KEY)).toMatchObject({ type: 'error', status: 429 });
  });

  it('does not mistake the fixtures of a longer key for this key', async () => {
    await writeFile(join(dir, `${KEY}_v2.png`), pngOf(2, 2));
    await writeFile(join(dir, `${KEY}__extra__429_LIMIT_EXCEEDED.json`), JSON.stringify({ status: 429, body: {} }));

    expect(await store.find(KEY)).toBeUndefined();
  });

  it('finds nothing in a directory that does not exist', async () => {
    expect(await new FixtureStore(join(dir, 'absent')).find(KEY)).toBeUndefined();
  });

  it('rejects an error fixture without a numeric status, naming the file', async () => {
    await writeFile(join(dir, `${KEY}__500_BROKEN.json`), JSON.stringify({ body: {} }));

    await expect(store.find(KEY)).rejects.toThrow(FixtureFormatError);
    await expect(store.find(KEY)).rejects.toThrow(`${KEY}__500_BROKEN.json is unusable: "status" must be an HTTP status`);
  });

  it('refuses a key that could leave the directory', async () => {
    await expect(store.find('../etc/passwd')).rejects.toThrow('is not a safe file name');
    await expect(store.savePng('a/b', pngOf(1, 1))).rejects.toThrow('is not a safe file name');
  });

  it('saves a PNG that is found again, leaving no temp file behind', async () => {
    const png = pngOf(3, 3);
    await store.savePng(KEY, png);

    expect(await store.find(KEY)).toEqual({ type: 'png', bytes: png });
    expect(await readdir(dir)).toEqual([`${KEY}.png`]);
  });

  it('saves an error as {status, body} named by its status and message', async () => {
    const path = await store.saveError(KEY, 403, { message: 'Exceed Max Usage Resolution Limit (800x600)' });

    expect(path).toBe(join(dir, `${KEY}__403_EXCEED_MAX_USAGE_RESOLUTION_LIMIT_800X600.json`));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      status: 403,
      body: { message: 'Exceed Max Usage Resolution Limit (800x600)' },
    });
    expect(await store.find(KEY)).toMatchObject({ type: 'error', status: 403 });
  });

  it('names a 422 array error after its first message', async () => {
    const body = [{ value: '7m', msg: 'Invalid Interval', param: 'interval', location: 'body' }];
    const path = await store.saveError(KEY, 422, body);

    expect(path).toBe(join(dir, `${KEY}__422_INTERVAL_INVALID_INTERVAL_VALUE_7M.json`));
    expect(await store.find(KEY)).toEqual({ type: 'error', status: 422, body, file: path });
  });
});
