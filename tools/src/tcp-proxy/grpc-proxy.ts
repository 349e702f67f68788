import {
  connect,
  constants,
  createServer,
  type ClientHttp2Session,
  type ClientHttp2Stream,
  type Http2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';

/** gRPC status codes the proxy answers with (a subset of `grpc.status`). */
export const GRPC_STATUS = {
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** One unary or server-streaming call, whole request message in hand, before it is forwarded. */
export interface GrpcCall {
  /** `/google.firestore.v1.Firestore/Commit` */
  readonly path: string;
  /** The last path segment: `Commit`, `BatchGetDocuments`, `RunQuery` ... */
  readonly method: string;
  /** The request as sent (gRPC length-prefixed, uncompressed protobuf): document names and string values read as text. */
  readonly body: Buffer;
}

/**
 * What to do with a call: pass it on; answer a gRPC error without reaching the server; let the server
 * apply it but answer the client an error instead of the server's answer (a lost response); or reset
 * the stream (as a dead peer would). An interceptor may also delay its answer: the call waits, held.
 */
export type GrpcVerdict =
  | { readonly type: 'forward' }
  | { readonly type: 'fail'; readonly code: number; readonly message: string }
  | { readonly type: 'lose-response'; readonly code: number; readonly message: string }
  | { readonly type: 'drop' };

export type GrpcInterceptor = (call: GrpcCall) => GrpcVerdict | Promise<GrpcVerdict>;

/** A call as the proxy handled it. */
export interface GrpcCallRecord {
  readonly method: string;
  readonly verdict: GrpcVerdict['type'] | 'stream';
}

export interface GrpcProxy {
  /** `127.0.0.1:<port>`: the value for `FIRESTORE_EMULATOR_HOST`. */
  readonly host: string;
  readonly calls: readonly GrpcCallRecord[];
  /** Decides every later unary/server-streaming call; undefined forwards everything. */
  intercept(interceptor: GrpcInterceptor | undefined): void;
  /** Drops every client connection now (clients reconnect). */
  disconnectClients(): void;
  close(): Promise<void>;
}

/** Bidirectional streams are piped through untouched: they never end their request half. */
const BIDI_METHODS = new Set(['Listen', 'Write']);

/**
 * A loopback proxy for gRPC over plain-text HTTP/2 (the Firestore emulator's protocol) that sees each
 * call's method and request bytes before forwarding it, so a test can fail, reset or hold one exact
 * RPC, e.g. the Commit that claims a step. A plain TCP proxy cannot: every RPC of a client shares one
 * connection. Loopback only; request messages are buffered whole (they are small).
 */
export async function startGrpcProxy(options: { readonly target: string; readonly port?: number }): Promise<GrpcProxy> {
  const calls: GrpcCallRecord[] = [];
  const sessions = new Set<Http2Session>();
  let interceptor: GrpcInterceptor | undefined;
  let upstream: ClientHttp2Session | undefined;

  const upstreamSession = (): ClientHttp2Session => {
    if (upstream === undefined || upstream.closed || upstream.destroyed) {
      const session = connect(`http://${options.target}`);
      session.on('error', () => undefined);
      upstream = session;
    }
    return upstream;
  };

  const server = createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    handle(stream, headers).catch((cause: unknown) => answerError(stream, GRPC_STATUS.INTERNAL, `grpc-proxy: ${String(cause)}`));
  });

  async function handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): Promise<void> {
    const path = String(headers[':path'] ?? '');
    const method = path.slice(path.lastIndexOf('/') + 1);
    if (BIDI_METHODS.has(method)) {
      calls.push({ method, verdict: 'stream' });
      forward(stream, headers, undefined);
      return;
    }
    const body = await readAll(stream);
    const verdict = interceptor === undefined ? ({ type: 'forward' } as const) : await interceptor({ path, method, body });
    calls.push({ method, verdict: verdict.type });
    if (stream.destroyed || stream.closed) return;
    if (verdict.type === 'forward') forward(stream, headers, body);
    else if (verdict.type === 'lose-response') forward(stream, headers, body, verdict);
    else if (verdict.type === 'fail') answerError(stream, verdict.code, verdict.message);
    else stream.close(constants.NGHTTP2_CANCEL);
  }

  /** Relays the call; with `lost`, the server's answer is read and discarded, and `lost` answered instead. */
  function forward(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, body: Buffer | undefined, lost?: { code: number; message: string }): void {
    let request: ClientHttp2Stream;
    try {
      request = upstreamSession().request(headers as OutgoingHttpHeaders, { endStream: false });
    } catch (cause) {
      answerError(stream, GRPC_STATUS.UNAVAILABLE, `grpc-proxy: upstream ${options.target}: ${String(cause)}`);
      return;
    }
    let trailers: OutgoingHttpHeaders = {};
    request.on('error', (cause) => answerError(stream, GRPC_STATUS.UNAVAILABLE, `grpc-proxy: upstream ${options.target}: ${cause.message}`));
    stream.on('close', () => {
      if (!request.closed) request.close(constants.NGHTTP2_CANCEL);
    });
    if (lost !== undefined) {
      request.on('data', () => undefined);
      request.on('close', () => answerError(stream, lost.code, lost.message));
      request.end(body);
      return;
    }
    request.on('response', (responseHeaders) => {
      if (stream.destroyed || stream.headersSent) return;
      // A trailers-only answer (an error without a message) ends in its headers.
      const trailersOnly = responseHeaders['grpc-status'] !== undefined;
      stream.respond(responseHeaders as OutgoingHttpHeaders, trailersOnly ? { endStream: true } : { waitForTrailers: true });
    });
    request.on('trailers', (received) => (trailers = received as OutgoingHttpHeaders));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    request.on('data', (chunk: Buffer) => {
      if (!stream.destroyed && !stream.writableEnded) stream.write(chunk);
    });
    request.on('end', () => {
      if (!stream.destroyed && stream.headersSent && !stream.writableEnded) stream.end();
    });
    if (body === undefined) stream.pipe(request);
    else request.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    host: `127.0.0.1:${port}`,
    calls,
    intercept: (next) => {
      interceptor = next;
    },
    disconnectClients: () => {
      for (const session of sessions) session.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        upstream?.destroy();
        server.close(() => resolve());
      }),
  };
}

function answerError(stream: ServerHttp2Stream, code: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  stream.respond(
    { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message) },
    { endStream: true },
  );
}

async function readAll(stream: ServerHttp2Stream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
