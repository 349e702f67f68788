import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { got } from 'got';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ChartApiResponse, Clock } from '@worker-chart-export/domain';
import { AccountKeyring } from './account-keyring.js';
import { GotChartApi } from './got-chart-api.js';
import { aChartCall, anAccount, aReservation, pngOf } from './testing/index.js';

const BASE = 'http://chart-img.test';
const ENDPOINT = `${BASE}/v2/tradingview/advanced-chart`;
const KEYS = { a: 'SECRET-KEY-AAAA-1111', b: 'SECRET-KEY-BBBB-2222' };

const realClock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

function text(response: ChartApiResponse): string {
  return response.kind === 'http' ? new TextDecoder().decode(response.body) : '';
}

describe('GotChartApi', () => {
  const server = setupServer();
  const keyring = new AccountKeyring([anAccount({ id: 'acc-a', apiKey: KEYS.a }), anAccount({ id: 'acc-b', apiKey: KEYS.b })]);
  const api = new GotChartApi({ baseUrl: `${BASE}/`, keyring, clock: realClock });
  const call = aChartCall();
  const pro = aReservation('acc-a', 'PRO');
  let captured: string[];
  let spies: { mockRestore(): void }[];

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => {
    captured = [];
    const capture = (...args: unknown[]): void => {
      captured.push(args.map(String).join(' '));
    };
    spies = [
      jest.spyOn(console, 'log').mockImplementation(capture),
      jest.spyOn(console, 'info').mockImplementation(capture),
      jest.spyOn(console, 'warn').mockImplementation(capture),
      jest.spyOn(console, 'error').mockImplementation(capture),
      jest.spyOn(console, 'debug').mockImplementation(capture),
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
        captured.push(String(chunk));
        return true;
      }),
    ];
  });
  afterEach(() => {
    server.resetHandlers();
    spies.forEach((spy) => spy.mockRestore());
    const everything = captured.join('\n');
    expect(everything).not.toContain(KEYS.a);
    expect(everything).not.toContain(KEYS.b);
  });

  it('posts the body as JSON to the advanced-chart path with the reserved account key, tolerating a trailing slash', async () => {
    const seen: { url: string; key: string | null; type: string | null; body: unknown }[] = [];
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        seen.push({ url: request.url, key: request.headers.get('x-api-key'), type: request.headers.get('content-type'), body: await request.json() });
        return HttpResponse.arrayBuffer(pngOf(8, 6).slice().buffer, { headers: { 'content-type': 'image/png' } });
      }),
    );

    await api.render(call, aReservation('acc-b', 'PRO'), 2000);

    expect(seen).toEqual([{ url: ENDPOINT, key: KEYS.b, type: 'application/json', body: call.body }]);
  });

  it('answers a 200 PNG with its bytes, content type and duration', async () => {
    const png = pngOf(8, 6);
    server.use(http.post(ENDPOINT, () => HttpResponse.arrayBuffer(png.slice().buffer, { headers: { 'content-type': 'image/png' } })));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 200, contentType: 'image/png', body: png, source: 'network' });
    expect(response.kind === 'http' && response.durationMs >= 0).toBe(true);
  });

  it('passes a 200 that is not a PNG through unchanged (classification is the domain’s)', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.text('<html>oops</html>', { headers: { 'content-type': 'text/html' } })));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 200, contentType: 'text/html' });
    expect(text(response)).toBe('<html>oops</html>');
  });

  it('passes a {message} error through with its status', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'Exceed Max Usage Parameter Limit (3)' }, { status: 403 })));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 403, contentType: 'application/json' });
    expect(JSON.parse(text(response))).toEqual({ message: 'Exceed Max Usage Parameter Limit (3)' });
  });

  it('scrubs a key the provider echoes in an error body', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: `Invalid API key ${KEYS.a}` }, { status: 401 })));

    const response = await api.render(call, pro, 2000);

    expect(JSON.parse(text(response))).toEqual({ message: 'Invalid API key [redacted]' });
  });

  it('scrubs an echoed key from a body mislabelled as an image', async () => {
    server.use(
      http.post(ENDPOINT, () => HttpResponse.text(`{"message":"Forbidden key ${KEYS.a}"}`, { status: 403, headers: { 'content-type': 'image/png' } })),
    );

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 403, contentType: 'image/png' });
    expect(text(response)).not.toContain(KEYS.a);
    expect(JSON.parse(text(response))).toEqual({ message: 'Forbidden key [redacted]' });
  });

  it('passes a 422 validation array through with its status', async () => {
    const body = [{ value: '7m', msg: 'Invalid Interval', param: 'interval', location: 'body' }];
    server.use(http.post(ENDPOINT, () => HttpResponse.json(body, { status: 422 })));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 422 });
    expect(JSON.parse(text(response))).toEqual(body);
  });

  it('reads Retry-After seconds on a 429', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'Too Many Requests' }, { status: 429, headers: { 'retry-after': '2' } })));

    expect(await api.render(call, pro, 2000)).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 2000 });
  });

  it('reads a Retry-After HTTP-date against the injected clock', async () => {
    const clock: Clock = { now: () => new Date('2026-01-01T00:00:00Z'), sleep: () => Promise.resolve() };
    const dated = new GotChartApi({ baseUrl: BASE, keyring, clock });
    server.use(
      http.post(ENDPOINT, () =>
        HttpResponse.json({ message: 'Too Many Requests' }, { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' } }),
      ),
    );

    expect(await dated.render(call, pro, 2000)).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it('leaves retryAfterMs out when there is no Retry-After', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'Something Went Wrong' }, { status: 500 })));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'http', status: 500 });
    expect(response).not.toHaveProperty('retryAfterMs');
  });

  it('makes exactly one attempt on a 5xx (the domain retries, not got)', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls += 1;
        return HttpResponse.json({ message: 'Something Went Wrong' }, { status: 503 });
      }),
    );

    await api.render(call, pro, 2000);

    expect(calls).toBe(1);
  });

  it('turns a slow answer into a timeout transport error', async () => {
    server.use(
      http.post(ENDPOINT, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
    );

    const response = await api.render(call, pro, 100);

    expect(response).toMatchObject({ kind: 'transport-error', reason: 'timeout', message: 'Chart-IMG did not answer within 100 ms' });
  });

  it('turns a failed connection into a network transport error without the key', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.error()));

    const response = await api.render(call, pro, 2000);

    expect(response).toMatchObject({ kind: 'transport-error', reason: 'network' });
    expect(response.kind === 'transport-error' && response.message).toMatch(/^Chart-IMG request failed: /);
    expect(JSON.stringify(response)).not.toContain(KEYS.a);
  });

  it('rejects a reservation on an account it has no key for, naming only the id', async () => {
    await expect(api.render(call, aReservation('acc-zzz', 'PRO'), 2000)).rejects.toThrow('Chart-IMG account "acc-zzz" is not configured');
  });

  it('waits on the account’s token bucket so a BASIC account keeps to rate 1/s burst 3', async () => {
    const sleeps: number[] = [];
    const clock: Clock = {
      now: () => new Date(0),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    };
    const paced = new GotChartApi({ baseUrl: BASE, keyring, clock });
    server.use(http.post(ENDPOINT, () => HttpResponse.arrayBuffer(pngOf(2, 2).slice().buffer)));

    await Promise.all([1, 2, 3, 4, 5].map(() => paced.render(call, aReservation('acc-a', 'BASIC'), 5000)));
    await paced.render(call, aReservation('acc-b', 'BASIC'), 5000);

    // BASIC: one token a second, plus half an interval of margin.
    expect(sleeps).toEqual([1500, 2500]);
  });

  describe('when the token bucket must wait, the wait counts toward timeoutMs', () => {
    /** A clock on which a sleep moves time forward by the slept amount plus `lateMs` (a late timer). */
    function steppingClock(lateMs = 0): Clock & { sleeps: number[] } {
      let now = 0;
      const sleeps: number[] = [];
      return {
        sleeps,
        now: () => new Date(now),
        sleep: (ms) => {
          sleeps.push(ms);
          now += ms + lateMs;
          return Promise.resolve();
        },
      };
    }

    /** A GotChartApi whose got reports the request timeout of every request it sends. */
    function pacedApi(clock: Clock): { api: GotChartApi; requestTimeouts: (number | undefined)[] } {
      const requestTimeouts: (number | undefined)[] = [];
      const recording = got.extend({
        hooks: { beforeRequest: [(options) => void requestTimeouts.push(options.timeout.request)] },
      });
      return { api: new GotChartApi({ baseUrl: BASE, keyring, clock, got: recording }), requestTimeouts };
    }

    let sent: number;
    beforeEach(() => {
      sent = 0;
      server.use(
        http.post(ENDPOINT, () => {
          sent += 1;
          return HttpResponse.arrayBuffer(pngOf(2, 2).slice().buffer, { headers: { 'content-type': 'image/png' } });
        }),
      );
    });

    async function drainBurst(api: GotChartApi): Promise<void> {
      // BASIC: burst 3, then one call a second (+500 ms margin).
      await Promise.all([1, 2, 3].map(() => api.render(call, aReservation('acc-a', 'BASIC'), 5000)));
    }

    it('sends with only the time left after the wait', async () => {
      const clock = steppingClock();
      const { api, requestTimeouts } = pacedApi(clock);
      await drainBurst(api);

      const response = await api.render(call, aReservation('acc-a', 'BASIC'), 2000);

      expect(response).toMatchObject({ kind: 'http', status: 200 });
      expect(clock.sleeps).toEqual([1500]);
      expect(requestTimeouts).toEqual([5000, 5000, 5000, 500]);
    });

    it('also subtracts a timer that fired late', async () => {
      const clock = steppingClock(30);
      const { api, requestTimeouts } = pacedApi(clock);
      await drainBurst(api);

      await api.render(call, aReservation('acc-a', 'BASIC'), 2000);

      expect(requestTimeouts.at(-1)).toBe(470);
    });

    it('answers a timeout without waiting or sending when the bucket cannot grant within timeoutMs', async () => {
      const clock = steppingClock();
      const { api } = pacedApi(clock);
      await drainBurst(api);

      const response = await api.render(call, aReservation('acc-a', 'BASIC'), 1000);

      expect(response).toEqual({
        kind: 'transport-error',
        reason: 'timeout',
        message: 'Chart-IMG account "acc-a" could not be called within 1000 ms: its BASIC rate limit allows no earlier call',
        durationMs: 0,
        notSent: true,
      });
      expect(sent).toBe(3);
      expect(clock.sleeps).toEqual([]);
    });

    it('waits for a reservation’s send time (plus the margin) instead of its own bucket, within timeoutMs', async () => {
      const clock = steppingClock();
      const { api, requestTimeouts } = pacedApi(clock);
      const at = (ms: number) => ({ ...aReservation('acc-a', 'BASIC'), sendAt: new Date(ms) });

      // Four sends granted for now: the pool's schedule decides, the client's own bucket (burst 3) is not used.
      await Promise.all([0, 0, 0, 0].map((ms) => api.render(call, at(ms), 5000)));
      const later = await api.render(call, at(1000), 2000);
      const tooLate = await api.render(call, at(3000), 2000);

      expect(clock.sleeps).toEqual([1500]);
      expect(requestTimeouts).toEqual([5000, 5000, 5000, 5000, 500]);
      expect(later).toMatchObject({ kind: 'http', status: 200 });
      expect(tooLate).toMatchObject({ kind: 'transport-error', reason: 'timeout', notSent: true });
      expect(sent).toBe(5);
    });

    it('leaves no debt behind a refused call, so the next caller waits only its own turn', async () => {
      const clock = steppingClock();
      const { api } = pacedApi(clock);
      await drainBurst(api);

      await api.render(call, aReservation('acc-a', 'BASIC'), 1000);
      await api.render(call, aReservation('acc-a', 'BASIC'), 5000);

      expect(clock.sleeps).toEqual([1500]);
      expect(sent).toBe(4);
    });
  });
});
