import { describeValue } from './describe-value.js';

export type BucketUriParse = { ok: true; bucket: string } | { ok: false; message: string };

const BUCKET_CHARS = /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * `gs://<bucket>` (a trailing `/` is tolerated, an object part is not) checked against Cloud Storage's bucket
 * naming rules. A failure's message names the value and the rule it breaks.
 */
export function parseBucketUri(value: string): BucketUriParse {
  const fail = (why: string): BucketUriParse => ({ ok: false, message: `bucket URI ${describeValue(value)} ${why}` });
  if (typeof value !== 'string' || !value.startsWith('gs://')) return fail('must look like gs://<bucket>');
  const rest = value.slice('gs://'.length);
  const bucket = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (bucket.includes('/')) return fail('must name only a bucket, without an object path');
  const problem = bucketNameProblem(bucket);
  return problem === undefined ? { ok: true, bucket } : fail(problem);
}

function bucketNameProblem(bucket: string): string | undefined {
  if (!BUCKET_CHARS.test(bucket)) {
    return 'has an invalid bucket name: use lowercase letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  const parts = bucket.split('.');
  const maxLength = parts.length > 1 ? 222 : 63;
  if (bucket.length < 3 || bucket.length > maxLength) {
    return `has an invalid bucket name: it must be 3 to ${maxLength} characters long`;
  }
  if (parts.some((part) => part.length === 0 || part.length > 63)) {
    return 'has an invalid bucket name: each dot-separated part must be 1 to 63 characters long';
  }
  if (IPV4.test(bucket)) return 'has an invalid bucket name: it may not be an IP address';
  if (bucket.startsWith('goog') || /g[o0][o0]gle/.test(bucket)) {
    return 'has an invalid bucket name: it may not start with "goog" or contain "google"';
  }
  return undefined;
}
