import { describe, expect, it } from '@jest/globals';
import { gsUri, parseGsUri, toPublicUrl } from './gs-uri.js';

const manifestUri = 'gs://ARTIFACTS_BUCKET/charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/manifest.json';

describe('gsUri', () => {
  it('joins a bucket and an object path', () => {
    expect(gsUri('ARTIFACTS_BUCKET', 'charts/20251215-102530_BTCUSDT_k3f7a/charts:1M:ctpl_price_ma1226_vol_v1/manifest.json')).toBe(manifestUri);
  });
});

describe('parseGsUri', () => {
  it('splits a gs:// URI into bucket and object path', () => {
    expect(parseGsUri('gs://charts-local/charts/a/b.png')).toEqual({ bucket: 'charts-local', objectPath: 'charts/a/b.png' });
  });

  it('round-trips with gsUri', () => {
    expect(parseGsUri(gsUri('b1', 'x/y:z.png'))).toEqual({ bucket: 'b1', objectPath: 'x/y:z.png' });
  });

  it.each(['gs://bucket', 'gs://bucket/', 'gcs://bucket/a', 'https://storage.googleapis.com/b/a', 'gs:///a'])('returns undefined for %s', (uri) => {
    expect(parseGsUri(uri)).toBeUndefined();
  });
});

describe('toPublicUrl', () => {
  it('encodes each path segment so colons in step ids survive', () => {
    expect(toPublicUrl(manifestUri)).toBe(
      'https://storage.googleapis.com/ARTIFACTS_BUCKET/charts/20251215-102530_BTCUSDT_k3f7a/charts%3A1M%3Actpl_price_ma1226_vol_v1/manifest.json',
    );
  });

  it('keeps the slashes between segments and encodes spaces and hashes', () => {
    expect(toPublicUrl('gs://b1/a b/c#d/e.png')).toBe('https://storage.googleapis.com/b1/a%20b/c%23d/e.png');
  });

  it('refuses something that is not a gs:// object URI', () => {
    expect(() => toPublicUrl('gs://bucket-only')).toThrow('not a gs://<bucket>/<object> URI: "gs://bucket-only"');
  });
});
