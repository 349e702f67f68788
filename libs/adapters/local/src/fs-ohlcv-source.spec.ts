import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { FsOhlcvSource } from './fs-ohlcv-source.js';
import { useTempDir } from './testing/use-temp-dir.js';

const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/ohlcv/BTCUSDT_1h.json');
const URI = 'gs://charts-local/ohlcv/20251215-102530_BTCUSDT_k3f7a/ohlcv_export:1h.json';

describe('FsOhlcvSource', () => {
  const storageDir = useTempDir('fs-ohlcv-source');
  const objectFile = () => join(storageDir(), 'charts-local/ohlcv/20251215-102530_BTCUSDT_k3f7a/ohlcv_export:1h.json');

  beforeEach(async () => {
    await mkdir(dirname(objectFile()), { recursive: true });
  });

  it('reads gs://<bucket>/<object> from <storage-dir>/<bucket>/<object>, schema-checked', async () => {
    await copyFile(EXAMPLE, objectFile());

    const file = await new FsOhlcvSource(storageDir()).read(URI);

    expect(file.metadata).toMatchObject({ symbol: 'BTCUSDT', timeframe: '1h', query_type: 'all' });
    expect(file.data).toHaveLength(500);
    expect(file.data[499]).toMatchObject({ date: '2025-12-15T09:00:00Z' });
  });

  it('rejects a missing file with one line naming the URI and the local path', async () => {
    await expect(new FsOhlcvSource(storageDir()).read(URI)).rejects.toThrow(`cannot read OHLCV file ${URI} at ${objectFile()}: no such file`);
  });

  it('rejects a file that is not JSON, naming the URI', async () => {
    await writeFile(objectFile(), '{"metadata":');

    await expect(new FsOhlcvSource(storageDir()).read(URI)).rejects.toThrow(new RegExp(`^OHLCV file ${URI.replace(/[.]/g, '\\.')} is not JSON: `));
  });

  it('rejects a candle of the wrong shape, naming the field and the value', async () => {
    const file = {
      metadata: { request_id: 'r', request_timestamp: '2025-12-15T10:00:00Z', symbol: 'BTCUSDT', timeframe: '1h', query_type: 'all', query_parameters: {} },
      data: [{ date: '2025-12-15T09:00:00Z', open: 1, high: 2, low: 0.5, close: 'high', volume: 3 }],
    };
    await writeFile(objectFile(), JSON.stringify(file));

    await expect(new FsOhlcvSource(storageDir()).read(URI)).rejects.toThrow(`OHLCV file ${URI} is invalid: data[0].close`);
  });

  it('refuses a URI that is not gs:// or that would leave the storage directory', async () => {
    await expect(new FsOhlcvSource(storageDir()).read('/etc/passwd')).rejects.toThrow('OHLCV URI "/etc/passwd" is not gs://<bucket>/<object>');
    await expect(new FsOhlcvSource(storageDir()).read('gs://charts-local/../../etc/passwd')).rejects.toThrow('would be stored outside');
  });
});
