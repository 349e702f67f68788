import { describe, expect, it } from '@jest/globals';
import { parseBucketUri } from './parse-bucket-uri.js';

describe('parseBucketUri', () => {
  it.each([
    ['gs://charts-local', 'charts-local'],
    ['gs://charts-local/', 'charts-local'],
    ['gs://my_bucket.example.com', 'my_bucket.example.com'],
    ['gs://abc', 'abc'],
    [`gs://${'a'.repeat(63)}`, 'a'.repeat(63)],
  ])('accepts %s', (uri, bucket) => {
    expect(parseBucketUri(uri)).toEqual({ ok: true, bucket });
  });

  it.each([
    ['a missing scheme', 'charts-local', 'must look like gs://<bucket>'],
    ['the gcs:// scheme of the old docs', 'gcs://charts-local', 'must look like gs://<bucket>'],
    ['an object part', 'gs://charts-local/charts', 'without an object path'],
    ['an empty bucket', 'gs://', 'invalid bucket name'],
    ['uppercase letters', 'gs://ARTIFACTS_BUCKET', 'lowercase letters'],
    ['a leading dash', 'gs://-charts', 'starting and ending with a letter or digit'],
    ['two characters', 'gs://ab', '3 to 63 characters'],
    ['64 characters without dots', `gs://${'a'.repeat(64)}`, '3 to 63 characters'],
    ['an empty dot-separated part', 'gs://a..b', 'each dot-separated part'],
    ['a part longer than 63', `gs://${'a'.repeat(64)}.com`, 'each dot-separated part'],
    ['an IP address', 'gs://192.168.5.4', 'IP address'],
    ['the goog prefix', 'gs://goog-charts', 'goog'],
    ['google inside', 'gs://my-google-charts', 'google'],
    ['a misspelt google', 'gs://my-g00gle-charts', 'google'],
  ])('refuses %s and names the value', (_label, uri, why) => {
    const result = parseBucketUri(uri);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`bucket URI ${JSON.stringify(uri)} `);
    expect(!result.ok && result.message).toContain(why);
  });
});
