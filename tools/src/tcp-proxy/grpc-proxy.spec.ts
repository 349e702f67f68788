import { connect, createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GRPC_STATUS, startGrpcProxy, type GrpcProxy } from './grpc-proxy.js';

/** A gRPC-shaped upstream: echoes the request bytes (prefixed) with grpc-status 0 in trailers; `/svc/Fail` answers trailers-only 5. */
async function startUpstream(): Promise<{ host: string; received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const server: Http2Server = createServer();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push(`${String(headers[':path'])} ${body}`);
      if (headers[':path'] === '/svc/Fail') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'not found' }, { endStream: true });
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(`echo:${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Answer {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  body: string;
  reset?: boolean;
}

/** One call through `host`: its headers, trailers and body (or `reset` when the stream was reset). */
function call(host: string, path: string, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const session = connect(`http://${host}`);
    session.on('error', () => undefined);
    const request = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
    const answer: Answer = { headers: {}, trailers: {}, body: '' };
    request.on('response', (headers) => (answer.headers = headers));
    request.on('trailers', (trailers) => (answer.trailers = trailers));
    request.on('data', (chunk: Buffer) => (answer.body += chunk.toString()));
    request.on('error', () => (answer.reset = true));
    request.on('close', () => {
      if (request.rstCode !== 0) answer.reset = true;
      session.close();
      resolve(answer);
    });
    request.end(body);
  });
}

describe('startGrpcProxy', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: GrpcProxy;

  beforeEach(async () => {
    upstream = await startUpstream();
    proxy = await startGrpcProxy({ target: upstream.host });
  });

  afterEach(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('listens on 127.0.0.1 and relays headers, messages and trailers both ways', async () => {
    expect(proxy.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const answer = await call(proxy.host, '/svc/Commit', 'hello');
    expect(answer).toMatchObject({ headers: { ':status': 200 }, trailers: { 'grpc-status': '0' }, body: 'echo:hello' });
    expect(upstream.received).toEqual(['/svc/Commit hello']);
    expect(proxy.calls).toEqual([{ method: 'Commit', verdict: 'forward' }]);
  });

  it('relays a trailers-only error answer', async () => {
    const answer = await call(proxy.host, '/svc/Fail', 'x');
    expect(answer.headers).toMatchObject({ 'grpc-status': '5', 'grpc-message': 'not found' });
  });

  it('shows the interceptor the method and the whole request, and answers its error without reaching the server', async () => {
    const seen: string[] = [];
    proxy.intercept((grpcCall) => {
      seen.push(`${grpcCall.method} ${grpcCall.body.toString()}`);
      return { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'down for a test' };
    });
    const answer = await call(proxy.host, '/svc/Commit', 'flow_runs/r1 RUNNING');
    expect(seen).toEqual(['Commit flow_runs/r1 RUNNING']);
    expect(answer.headers).toMatchObject({ 'grpc-status': '14', 'grpc-message': 'down%20for%20a%20test' });
    expect(upstream.received).toEqual([]);
  });

  it('lets a lost-response call reach the server but answers the client an error', async () => {
    proxy.intercept(() => ({ type: 'lose-response', code: GRPC_STATUS.UNAVAILABLE, message: 'lost' }));
    const answer = await call(proxy.host, '/svc/Commit', 'applied');
    expect(upstream.received).toEqual(['/svc/Commit applied']);
    expect(answer).toMatchObject({ headers: { 'grpc-status': '14' }, body: '' });
  });

  it('resets a dropped call without reaching the server', async () => {
    proxy.intercept(() => ({ type: 'drop' }));
    expect(await call(proxy.host, '/svc/Commit', 'x')).toMatchObject({ reset: true });
    expect(upstream.received).toEqual([]);
  });

  it('holds a call, unforwarded, until the interceptor settles', async () => {
    let entered: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => undefined;
    proxy.intercept(() => {
      entered();
      return new Promise((resolve) => (release = () => resolve({ type: 'forward' })));
    });
    const held = call(proxy.host, '/svc/Commit', 'held');
    await reached;
    expect(upstream.received).toEqual([]);
    release();
    expect(await held).toMatchObject({ body: 'echo:held' });
    expect(upstream.received).toEqual(['/svc/Commit held']);
  });
});
