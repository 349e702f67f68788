import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../loopback/listen-on-loopback.js';
import { readRequestBody } from '../loopback/read-request-body.js';
import type { FakeGcs, FakeGcsFault, FakeGcsObject, FakeGcsOptions, FakeGcsRequest, FakeGcsRequestView } from './fake-gcs-types.js';
import { parseMultipartRelated } from './multipart-related.js';
import { objectHashes } from './object-hashes.js';
import { routeGcsRequest } from './route-gcs-request.js';

const MAX_BODY_BYTES = 50_000_000;

type Answer =
  | { readonly type: 'json'; readonly status: number; readonly body: unknown }
  | { readonly type: 'media'; readonly object: FakeGcsObject }
  | { readonly type: 'empty'; readonly status: number }
  | { readonly type: 'reset' };

/**
 * A fake of the GCS JSON API on 127.0.0.1, enough for what `@google-cloud/storage` 7 sends for
 * simple uploads, object metadata, media downloads, deletes and listings (requests observed by
 * running the real client against it, see fake-gcs.spec.ts). Objects live in memory with content
 * type, cache control, generation and the md5/crc32c hashes the client verifies after an upload.
 * `ifGenerationMatch` is honoured (0: only when absent, else 412); faults are injectable.
 */
export async function startFakeGcs(options: FakeGcsOptions = {}): Promise<FakeGcs> {
  const objects = new Map<string, FakeGcsObject>();
  const requests: FakeGcsRequest[] = [];
  let faults: { fault: FakeGcsFault; left: number }[] = [];
  let lastGeneration = 0;
  let uploadDelay: { ms: number; when?: (request: FakeGcsRequestView) => boolean } | undefined;

  function takeFault(request: FakeGcsRequestView): FakeGcsFault | undefined {
    const queued = faults.find(({ fault, left }) => left > 0 && matches(fault, request));
    if (queued === undefined) return undefined;
    queued.left -= 1;
    faults = faults.filter(({ left }) => left > 0);
    return queued.fault;
  }

  function serve(request: FakeGcsRequestView, headers: IncomingMessage['headers'], body: Buffer): Answer {
    const { bucket, objectName } = request;
    const key = `${bucket}/${objectName}`;
    const current = objects.get(key);
    switch (request.kind) {
      case 'upload': {
        if (bucket === undefined || objectName === undefined || objectName === '') return error(400, 'invalid', 'Required parameter: name');
        const failed = checkPreconditions(request.query, current);
        if (failed !== undefined) return failed;
        const upload = readUpload(request.query['uploadType'], headers['content-type'], body);
        if ('type' in upload) return upload;
        lastGeneration += 1;
        const stored: FakeGcsObject = {
          bucket,
          name: objectName,
          bytes: upload.bytes,
          contentType: upload.contentType,
          ...(upload.cacheControl === undefined ? {} : { cacheControl: upload.cacheControl }),
          generation: lastGeneration,
          ...objectHashes(upload.bytes),
          updated: new Date().toISOString(),
        };
        objects.set(key, stored);
        return { type: 'json', status: 200, body: resource(stored) };
      }
      case 'metadata':
      case 'media':
      case 'delete': {
        if (current === undefined) return error(404, 'notFound', `No such object: ${key}`);
        const failed = checkPreconditions(request.query, current);
        if (failed !== undefined) return failed;
        if (request.kind === 'metadata') return { type: 'json', status: 200, body: resource(current) };
        if (request.kind === 'media') return { type: 'media', object: current };
        objects.delete(key);
        return { type: 'empty', status: 204 };
      }
      case 'list': {
        const prefix = request.query['prefix'] ?? '';
        const items = [...objects.values()]
          .filter((object) => object.bucket === bucket && object.name.startsWith(prefix))
          .sort((a, b) => (a.name < b.name ? -1 : 1))
          .map(resource);
        return { type: 'json', status: 200, body: { kind: 'storage#objects', items } };
      }
      case 'unsupported':
        return error(501, 'notImplemented', `fake-gcs does not implement ${request.method} ${request.path}`);
    }
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readRequestBody(incoming, MAX_BODY_BYTES, 'throw');
    const request = routeGcsRequest(incoming.method ?? 'GET', incoming.url ?? '/');
    // A slow upload is slow before it is stored: the object appears only when the answer is sent.
    const delay = uploadDelay;
    if (delay !== undefined && request.kind === 'upload' && (delay.when === undefined || delay.when(request))) {
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const fault = takeFault(request);
    if (fault?.serveFirst === true) serve(request, incoming.headers, body);
    const answer = fault === undefined ? serve(request, incoming.headers, body) : faultAnswer(fault, request);
    requests.push({ ...request, status: answer.type === 'reset' ? 'reset' : statusOf(answer), injected: fault !== undefined });
    send(response, answer);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((cause: unknown) => {
      send(response, error(500, 'backendError', `fake-gcs failed: ${cause instanceof Error ? cause.message : String(cause)}`));
    });
  });
  const listener = await listenOnLoopback(server, options.port);

  return {
    url: listener.url,
    objects,
    requests,
    object: (bucket, name) => objects.get(`${bucket}/${name}`),
    failNext: (fault) => {
      faults.push({ fault, left: fault.times ?? 1 });
    },
    delayUploads: (ms, when) => {
      uploadDelay = ms > 0 ? { ms, ...(when === undefined ? {} : { when }) } : undefined;
    },
    reset: () => {
      uploadDelay = undefined;
      objects.clear();
      requests.length = 0;
      faults = [];
    },
    close: listener.close,
  };
}

function matches(fault: FakeGcsFault, request: FakeGcsRequestView): boolean {
  if (fault.objectNameEndsWith !== undefined && !(request.objectName ?? '').endsWith(fault.objectNameEndsWith)) return false;
  if (fault.kinds !== undefined && !fault.kinds.includes(request.kind)) return false;
  return fault.when === undefined || fault.when(request);
}

function checkPreconditions(query: Readonly<Record<string, string>>, current: FakeGcsObject | undefined): Answer | undefined {
  const expected = query['ifGenerationMatch'];
  if (expected === undefined) return undefined;
  const held = expected === '0' ? current === undefined : current !== undefined && String(current.generation) === expected;
  return held ? undefined : error(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
}

type Upload = { readonly bytes: Buffer; readonly contentType: string; readonly cacheControl?: string };

function readUpload(uploadType: string | undefined, contentType: string | undefined, body: Buffer): Upload | Answer {
  if (uploadType === 'media') return { bytes: body, contentType: contentType ?? 'application/octet-stream' };
  if (uploadType !== 'multipart') {
    return error(501, 'notImplemented', `fake-gcs supports uploadType=multipart and media, not ${String(uploadType)}`);
  }
  try {
    const { metadata, media, mediaContentType } = parseMultipartRelated(contentType, body);
    const declared = metadata['contentType'];
    const cacheControl = metadata['cacheControl'];
    return {
      bytes: media,
      contentType: typeof declared === 'string' ? declared : (mediaContentType ?? 'application/octet-stream'),
      ...(typeof cacheControl === 'string' ? { cacheControl } : {}),
    };
  } catch (cause) {
    return error(400, 'invalid', `bad multipart upload: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function resource(object: FakeGcsObject): Record<string, unknown> {
  const id = `${object.bucket}/${object.name}`;
  return {
    kind: 'storage#object',
    id: `${id}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: '1',
    contentType: object.contentType,
    ...(object.cacheControl === undefined ? {} : { cacheControl: object.cacheControl }),
    storageClass: 'STANDARD',
    size: String(object.bytes.length),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: `${object.generation}`,
    timeCreated: object.updated,
    updated: object.updated,
  };
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'invalid',
  401: 'required',
  403: 'forbidden',
  404: 'notFound',
  412: 'conditionNotMet',
  429: 'rateLimitExceeded',
};

function faultAnswer(fault: FakeGcsFault, request: FakeGcsRequestView): Answer {
  if (fault.status === 'reset') return { type: 'reset' };
  return error(fault.status, REASONS[fault.status] ?? 'backendError', fault.message ?? defaultMessage(fault.status, request));
}

function defaultMessage(status: number, request: FakeGcsRequestView): string {
  if (status === 403) {
    const permission = request.kind === 'upload' ? 'create' : request.kind === 'delete' ? 'delete' : request.kind === 'list' ? 'list' : 'get';
    return `worker@fake-project.iam.gserviceaccount.com does not have storage.objects.${permission} access to the Google Cloud Storage object. Permission 'storage.objects.${permission}' denied on resource (or it may not exist).`;
  }
  if (status >= 500) return 'We encountered an internal error. Please try again.';
  return `fake-gcs injected HTTP ${status}`;
}

function error(status: number, reason: string, message: string): Answer {
  return { type: 'json', status, body: { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } } };
}

function statusOf(answer: Exclude<Answer, { type: 'reset' }>): number {
  return answer.type === 'media' ? 200 : answer.status;
}

function send(response: ServerResponse, answer: Answer): void {
  if (answer.type === 'reset') {
    response.socket?.destroy();
    return;
  }
  if (answer.type === 'media') {
    const { object } = answer;
    response.writeHead(200, {
      'content-type': object.contentType,
      'content-length': object.bytes.length,
      'x-goog-hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
      'x-goog-generation': String(object.generation),
      ...(object.cacheControl === undefined ? {} : { 'cache-control': object.cacheControl }),
    });
    response.end(object.bytes);
    return;
  }
  if (answer.type === 'empty') {
    response.writeHead(answer.status);
    response.end();
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(answer.body));
}
