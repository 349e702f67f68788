import type { BlobStore, BlobWrite } from '../ports/blob-store.js';
import { contractGlobals, withFresh } from './contract-globals.js';

/**
 * What a contract run needs from an adapter: a fresh store holding nothing, and `read`, which returns an object's
 * bytes as stored (undefined when absent) by the adapter's own means (the port has no read).
 */
export type BlobStoreFactory = () => Promise<{
  store: BlobStore;
  read: (bucket: string, path: string) => Promise<Uint8Array | undefined>;
  dispose?: () => Promise<void>;
}>;

const BUCKET = 'charts-contract';
const OTHER_BUCKET = 'charts-contract-other';
const STEP_DIR = 'charts/20251215-102530_BTCUSDT_k3f7a/charts:1h:all_templates';
const PNG_PATH = `${STEP_DIR}/20251215-102612_BTCUSDT_1h_ctpl_a_v1.png`;
const MANIFEST_PATH = `${STEP_DIR}/manifest.json`;

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const png = (text: string, path = PNG_PATH, bucket = BUCKET): BlobWrite => ({ bucket, path, bytes: bytesOf(text), contentType: 'image/png', createOnly: true });
const manifest = (text: string): BlobWrite => ({
  bucket: BUCKET,
  path: MANIFEST_PATH,
  bytes: bytesOf(text),
  contentType: 'application/json',
  createOnly: false,
  cacheControl: 'no-cache',
});

/**
 * The behaviour every {@link BlobStore} shares, as a jest suite: whole writes, create-only against the same and
 * other bytes, overwrite, exact-name existence, listing by string prefix.
 */
export function describeBlobStoreContract(name: string, factory: BlobStoreFactory): void {
  const { describe, it, expect } = contractGlobals('describeBlobStoreContract');
  const withStore = (body: (subject: Awaited<ReturnType<BlobStoreFactory>>) => Promise<void>) => withFresh(factory, body);

  describe(`${name} (BlobStore contract)`, () => {
    it(
      'stores an object whole under its bucket and path, which then exists',
      withStore(async ({ store, read }) => {
        await store.put(png('first'));

        expect(textOf(await read(BUCKET, PNG_PATH))).toBe('first');
        await expect(store.exists(BUCKET, PNG_PATH)).resolves.toBe(true);
        await expect(store.exists(BUCKET, `${STEP_DIR}/other.png`)).resolves.toBe(false);
        await expect(store.exists(OTHER_BUCKET, PNG_PATH)).resolves.toBe(false);
      }),
    );

    it(
      'stores exactly the bytes of a view into a larger buffer',
      withStore(async ({ store, read }) => {
        const backing = bytesOf('xx-the-object-yy');
        await store.put({ ...png(''), bytes: backing.subarray(3, 13) });

        expect(textOf(await read(BUCKET, PNG_PATH))).toBe('the-object');
      }),
    );

    it(
      'accepts a create-only write of the bytes already stored, leaving the object as it was',
      withStore(async ({ store, read }) => {
        await store.put(png('same'));

        await expect(store.put(png('same'))).resolves.toBeUndefined();
        expect(textOf(await read(BUCKET, PNG_PATH))).toBe('same');
        await expect(store.list(BUCKET, STEP_DIR)).resolves.toEqual([PNG_PATH]);
      }),
    );

    it(
      'refuses a create-only write of other bytes, naming the object, and keeps the first bytes',
      withStore(async ({ store, read }) => {
        await store.put(png('first'));

        const second = store.put(png('second'));

        await expect(second).rejects.toBeInstanceOf(Error);
        await expect(second).rejects.toThrow(`gs://${BUCKET}/${PNG_PATH}`);
        expect(textOf(await read(BUCKET, PNG_PATH))).toBe('first');
      }),
    );

    it(
      'lets exactly one of concurrent create-only writes of different bytes succeed',
      withStore(async ({ store, read }) => {
        const contenders = ['one', 'two', 'three', 'four'];
        const results = await Promise.allSettled(contenders.map((text) => store.put(png(text))));

        const winners = contenders.filter((_, i) => results[i]?.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        expect(textOf(await read(BUCKET, PNG_PATH))).toBe(winners[0]);
      }),
    );

    it(
      'overwrites an object when the write is not create-only',
      withStore(async ({ store, read }) => {
        await store.put(manifest('{"version":1}'));
        await store.put(manifest('{"version":2}'));
        await store.put(manifest('{"version":2}'));

        expect(textOf(await read(BUCKET, MANIFEST_PATH))).toBe('{"version":2}');
      }),
    );

    it(
      'answers exists for an exact object name only, never for a prefix of names',
      withStore(async ({ store }) => {
        await store.put(png('first'));

        await expect(store.exists(BUCKET, STEP_DIR)).resolves.toBe(false);
        await expect(store.exists(BUCKET, `${STEP_DIR}/`)).resolves.toBe(false);
        await expect(store.exists(BUCKET, PNG_PATH.slice(0, -4))).resolves.toBe(false);
      }),
    );

    it(
      'lists the names starting with a string prefix, sorted, in that bucket only',
      withStore(async ({ store }) => {
        const inStep = [`${STEP_DIR}/b.png`, `${STEP_DIR}/a.png`, `${STEP_DIR}/nested/c.png`];
        const otherRun = 'charts/20251215-102530_BTCUSDT_k3f7a0/charts:1h:all_templates/a.png';
        for (const path of [...inStep, otherRun]) await store.put(png(path, path));
        await store.put(png('elsewhere', `${STEP_DIR}/z.png`, OTHER_BUCKET));

        await expect(store.list(BUCKET, `${STEP_DIR}/`)).resolves.toEqual([...inStep].sort());
        await expect(store.list(BUCKET, 'charts/20251215-102530_BTCUSDT_k3f7a')).resolves.toEqual([...inStep, otherRun].sort());
        await expect(store.list(BUCKET, `${STEP_DIR}/a`)).resolves.toEqual([`${STEP_DIR}/a.png`]);
        await expect(store.list(BUCKET, 'charts/20251216-')).resolves.toEqual([]);
        await expect(store.list(OTHER_BUCKET, '')).resolves.toEqual([`${STEP_DIR}/z.png`]);
      }),
    );
  });
}
