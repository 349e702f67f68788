/** `gs://<bucket>/<objectPath>`. */
export function gsUri(bucket: string, objectPath: string): string {
  return `gs://${bucket}/${objectPath}`;
}

/** The bucket and object path of `gs://<bucket>/<objectPath>`, or undefined when it is not such a URI. */
export function parseGsUri(uri: string): { bucket: string; objectPath: string } | undefined {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { bucket: match[1], objectPath: match[2] };
}

/**
 * The public https URL of a `gs://` object (the bucket is public-read; no signed URLs, see
 * docs/design.md#uris-and-public-urls). Each path segment is percent-encoded, since step ids contain `:`.
 * Throws a TypeError when `gsUri` is not a `gs://` object URI.
 */
export function toPublicUrl(gsUri: string): string {
  const parsed = parseGsUri(gsUri);
  if (parsed === undefined) throw new TypeError(`not a gs://<bucket>/<object> URI: ${JSON.stringify(gsUri)}`);
  const path = parsed.objectPath.split('/').map(encodeURIComponent).join('/');
  return `https://storage.googleapis.com/${parsed.bucket}/${path}`;
}
