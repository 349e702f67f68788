import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { deliverEvent, DeliveryError, MAX_REPLY_BYTES } from './deliver-event.js';

const REQUEST = { headers: { 'content-type': 'application/protobuf', 'ce-id': 'evt-1' }, body: new Uint8Array([10, 3, 1, 2, 3]) };

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => stop(server)));
});

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback server that records each request and answers with `answer`. */
async function receiver(answer: (res: ServerResponse) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      answer(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('deliverEvent', () => {
  it('POSTs the headers and body once and returns the status and reply', async () => {
    const { url, received } = await receiver((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"handled"}'));
    const reply = await deliverEvent(`${url}/`, REQUEST, { timeoutMs: 5_000, bearerToken: 'id-token' });
    expect(reply).toEqual({ status: 200, contentType: 'application/json', body: '{"outcome":"handled"}' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/',
      headers: expect.objectContaining({ 'content-type': 'application/protobuf', 'ce-id': 'evt-1', authorization: 'Bearer id-token' }),
    });
    expect([...(received[0]?.body ?? [])]).toEqual([10, 3, 1, 2, 3]);
  });

  it('returns an error status as an answer, without retrying or following a redirect', async () => {
    const { url, received } = await receiver((res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"outcome":"retry"}'));
    expect(await deliverEvent(url, REQUEST, { timeoutMs: 5_000 })).toMatchObject({ status: 503, body: '{"outcome":"retry"}' });
    const redirect = await receiver((res) => res.writeHead(307, { location: '/elsewhere' }).end());
    expect(await deliverEvent(redirect.url, REQUEST, { timeoutMs: 5_000 })).toMatchObject({ status: 307 });
    expect(received).toHaveLength(1);
    expect(redirect.received).toHaveLength(1);
    expect(received[0]?.headers['authorization']).toBeUndefined();
  });

  it('throws a DeliveryError when nobody answers', async () => {
    const { url, server } = await receiver((res) => res.end());
    await stop(server);
    await expect(deliverEvent(url, REQUEST, { timeoutMs: 5_000 })).rejects.toThrow(
      new DeliveryError(`${url} could not be reached: ECONNREFUSED: connect ECONNREFUSED ${url.slice('http://'.length)}`),
    );
  });

  it('throws a DeliveryError when the answer does not come in time', async () => {
    const { url } = await receiver(() => undefined);
    await expect(deliverEvent(url, REQUEST, { timeoutMs: 200 })).rejects.toThrow(new DeliveryError(`${url} did not answer within 200 ms`));
  });

  it('cuts off a reply larger than MAX_REPLY_BYTES', async () => {
    const { url } = await receiver((res) => res.writeHead(200).end(Buffer.alloc(MAX_REPLY_BYTES + 1)));
    await expect(deliverEvent(url, REQUEST, { timeoutMs: 5_000 })).rejects.toThrow(/was cut off$/);
  });
});
