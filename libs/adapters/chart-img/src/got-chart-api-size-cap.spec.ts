import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Clock } from '@worker-chart-export/domain';
import { AccountKeyring } from './account-keyring.js';
import { CHART_IMG_MAX_RESPONSE_BYTES, GotChartApi } from './got-chart-api.js';
import { aChartCall, anAccount, aReservation, pngOf } from './testing/index.js';

const KEY = 'SECRET-KEY-SIZE-CAP-9999';
const clock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
const CHUNK = Buffer.alloc(256 * 1024, 0x41);

interface Loopback {
  readonly url: string;
  /** Bytes of body the handler wrote before the client went away or it stopped. */
  written(): number;
  /** Resolves when the last answer's connection closed. */
  answered(): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 answering every request with `answer`. */
async function loopback(answer: (response: ServerResponse, count: (bytes: number) => void) => void): Promise<Loopback> {
  let written = 0;
  let answered = Promise.resolve();
  const server: Server = createServer((request, response) => {
    answered = new Promise((resolve) => response.on('close', resolve));
    request.resume();
    request.on('end', () =>
      answer(response, (bytes) => {
        written += bytes;
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => written,
    answered: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams chunks (no content-length) until `limit` bytes are written or the client hangs up. */
function streamUpTo(limit: number): (response: ServerResponse, count: (bytes: number) => void) => void {
  return (response, count) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    let sent = 0;
    const pump = (): void => {
      while (sent < limit && !response.destroyed) {
        sent += CHUNK.length;
        count(CHUNK.length);
        if (!response.write(CHUNK)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    response.on('close', () => response.removeAllListeners('drain'));
    pump();
  };
}

describe('GotChartApi response size cap (real loopback server)', () => {
  const keyring = new AccountKeyring([anAccount({ id: 'acc-a', apiKey: KEY })]);
  let server: Loopback | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('aborts a streamed body past the default cap: a too-large transport error naming the cap', async () => {
    const limit = 4 * CHART_IMG_MAX_RESPONSE_BYTES;
    server = await loopback(streamUpTo(limit));
    const api = new GotChartApi({ baseUrl: server.url, keyring, clock });

    const response = await api.render(aChartCall(), aReservation('acc-a', 'PRO'), 20_000);

    expect(response).toMatchObject({
      kind: 'transport-error',
      reason: 'too-large',
      message: 'Chart-IMG response exceeded the 16 MiB cap and was aborted',
    });
    expect(response).not.toHaveProperty('notSent');
    expect(JSON.stringify(response)).not.toContain(KEY);
    await server.answered();
    expect(server.written()).toBeLessThan(limit);
  }, 30_000);

  it('refuses a declared content-length past the cap without reading the body', async () => {
    server = await loopback((response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(1024 * 1024) });
      response.write(CHUNK);
    });
    const api = new GotChartApi({ baseUrl: server.url, keyring, clock, maxResponseBytes: 64 * 1024 });

    const response = await api.render(aChartCall(), aReservation('acc-a', 'PRO'), 10_000);

    expect(response).toMatchObject({ kind: 'transport-error', reason: 'too-large', message: 'Chart-IMG response exceeded the 64 KiB cap and was aborted' });
  });

  it('counts the decompressed bytes: a small gzip body that inflates past the cap is aborted', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    server = await loopback((response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      response.end(bomb);
    });
    const api = new GotChartApi({ baseUrl: server.url, keyring, clock, maxResponseBytes: 64 * 1024 });

    const response = await api.render(aChartCall(), aReservation('acc-a', 'PRO'), 10_000);

    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(response).toMatchObject({ kind: 'transport-error', reason: 'too-large' });
  });

  it('passes a body at the cap through whole', async () => {
    const png = Buffer.from(pngOf(64, 48));
    server = await loopback((response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(png);
    });
    const api = new GotChartApi({ baseUrl: server.url, keyring, clock, maxResponseBytes: png.length });

    const response = await api.render(aChartCall(), aReservation('acc-a', 'PRO'), 10_000);

    expect(response).toMatchObject({ kind: 'http', status: 200 });
    expect(response.kind === 'http' && Buffer.from(response.body).equals(png)).toBe(true);
  });
});
