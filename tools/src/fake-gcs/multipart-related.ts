/** The two parts of a `multipart/related` upload: the object resource and its media. */
export interface MultipartUpload {
  readonly metadata: Record<string, unknown>;
  readonly media: Buffer;
  readonly mediaContentType?: string;
}

/**
 * Splits the body of `uploadType=multipart` (RFC 2387: a JSON part, then the media part).
 * Binary-safe: parts are cut at the boundary bytes, never decoded as text.
 */
export function parseMultipartRelated(contentType: string | undefined, body: Buffer): MultipartUpload {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (contentType === undefined || !/^multipart\/related/i.test(contentType) || boundary === undefined) {
    throw new Error(`content-type ${String(contentType)} is not multipart/related with a boundary`);
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; content: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw new Error('multipart body has no closing boundary');
    parts.push(parsePart(body.subarray(start, next)));
    at = next;
  }
  const [meta, media] = parts;
  if (parts.length !== 2 || meta === undefined || media === undefined) {
    throw new Error(`multipart upload has ${parts.length} parts, expected 2 (metadata, media)`);
  }
  const metadata: unknown = JSON.parse(meta.content.toString('utf8'));
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new Error('the metadata part is not a JSON object');
  }
  const mediaContentType = media.headers['content-type'];
  return {
    metadata: metadata as Record<string, unknown>,
    media: media.content,
    ...(mediaContentType === undefined ? {} : { mediaContentType }),
  };
}

function parsePart(raw: Buffer): { headers: Record<string, string>; content: Buffer } {
  // A part is CRLF, headers, CRLF CRLF, content, CRLF (the CRLF before the next boundary belongs to it).
  const part = raw.subarray(raw.indexOf('\r\n') === 0 ? 2 : 0, raw.length - (raw.subarray(-2).toString('latin1') === '\r\n' ? 2 : 0));
  const split = part.indexOf('\r\n\r\n');
  if (split === -1) throw new Error('a multipart part has no header block');
  const headers = Object.fromEntries(
    part
      .subarray(0, split)
      .toString('latin1')
      .split('\r\n')
      .filter((line) => line.includes(':'))
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      }),
  );
  return { headers, content: part.subarray(split + 4) };
}
