import { afterEach, describe, expect, it } from '@jest/globals';
import { readPngSize } from '@worker-chart-export/domain';
import { hashKey, startFakeChartImg } from './fake-chart-img.js';
import type { FakeChartImg, FakeChartImgOptions } from './fake-chart-img-types.js';

const BASIC_KEY = 'fake-basic-key-0001';
const PRO_KEY = 'fake-pro-key-0002';
const START = Date.parse('2026-03-01T23:59:50Z');

describe('startFakeChartImg', () => {
  let fake: FakeChartImg;
  let time: number;

  async function start(overrides: Partial<FakeChartImgOptions> = {}): Promise<FakeChartImg> {
    time = START;
    fake = await startFakeChartImg({
      accounts: [
        { id: 'basic', apiKey: BASIC_KEY, plan: 'BASIC', dailyLimit: 5 },
        { id: 'pro', apiKey: PRO_KEY, plan: 'PRO' },
      ],
      now: () => time,
      ...overrides,
    });
    return fake;
  }

  async function post(body: unknown, key: string | null = PRO_KEY, signal?: AbortSignal): Promise<Response> {
    return fetch(`${fake.url}/v2/tradingview/advanced-chart`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  }

  async function message(response: Response): Promise<unknown> {
    return ((await response.json()) as { message?: unknown }).message;
  }

  afterEach(async () => {
    await fake.close();
  });

  it('listens on 127.0.0.1 and answers a PNG of the requested size', async () => {
    await start();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await post({ symbol: 'BINANCE:BTCUSDT', interval: '4h', width: 1024, height: 640 });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(readPngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1024, height: 640 });
  });

  it('defaults to 800x600 like the provider', async () => {
    await start();

    const response = await post({});

    expect(readPngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 800, height: 600 });
  });

  it('answers 403 Forbidden for an unknown or missing key', async () => {
    await start();

    const unknown = await post({}, 'not-a-key');
    const missing = await post({}, null);

    expect([unknown.status, await message(unknown)]).toEqual([403, 'Forbidden']);
    expect([missing.status, await message(missing)]).toEqual([403, 'Forbidden']);
  });

  it('records each call with a key hash, never the key', async () => {
    await start();

    await post({ symbol: 'BINANCE:ETHUSDT', interval: '1D', studies: [{ name: 'Volume' }] });

    expect(fake.calls).toEqual([
      {
        at: START,
        keyHash: hashKey(PRO_KEY),
        accountId: 'pro',
        status: 200,
        body: { symbol: 'BINANCE:ETHUSDT', interval: '1D', width: undefined, height: undefined, studies: 1, drawings: 0 },
      },
    ]);
    expect(JSON.stringify(fake.calls)).not.toContain(PRO_KEY);
  });

  it('answers 429 Too Many Requests beyond the plan burst, and again after the rate refills', async () => {
    await start({ accounts: [{ id: 'basic', apiKey: BASIC_KEY, plan: 'BASIC' }] });

    const burst = [];
    for (let i = 0; i < 4; i += 1) burst.push((await post({}, BASIC_KEY)).status);
    time += 1000;
    const afterOneSecond = await post({}, BASIC_KEY);

    expect(burst).toEqual([200, 200, 200, 429]);
    expect(fake.calls[3]?.message).toBe('Too Many Requests');
    expect(afterOneSecond.status).toBe(200);
  });

  it('answers 429 Limit Exceeded once the daily quota is used, until the UTC day ends', async () => {
    await start({ accounts: [{ id: 'basic', apiKey: BASIC_KEY, plan: 'BASIC', dailyLimit: 2 }] });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await post({}, BASIC_KEY)).status);
      time += 1000;
    }
    const exhausted = await post({}, BASIC_KEY);
    time = Date.parse('2026-03-02T00:00:05Z');
    const nextDay = await post({}, BASIC_KEY);

    expect(statuses).toEqual([200, 200, 429]);
    expect(await message(exhausted)).toBe('Limit Exceeded');
    expect(nextDay.status).toBe(200);
    expect(fake.usage(BASIC_KEY)).toBe(1);
  });

  it('refuses a resolution beyond the plan with 403 naming the plan maximum', async () => {
    await start();

    const basic = await post({ width: 1920, height: 1080 }, BASIC_KEY);
    const pro = await post({ width: 1920, height: 1080 }, PRO_KEY);

    expect([basic.status, await message(basic)]).toEqual([403, 'Exceed Max Usage Resolution Limit (800x600)']);
    expect(pro.status).toBe(200);
  });

  it('refuses more studies and drawings than the plan allows with 403', async () => {
    await start();
    const studies = [{ name: 'Volume' }, { name: 'MACD' }, { name: 'Relative Strength Index' }];
    const drawings = [{ name: 'Horizontal Line', input: { price: 1 } }];

    const basic = await post({ studies, drawings }, BASIC_KEY);
    const pro = await post({ studies, drawings }, PRO_KEY);

    expect([basic.status, await message(basic)]).toEqual([403, 'Exceed Max Usage Parameter Limit (3)']);
    expect(pro.status).toBe(200);
  });

  it('answers 422 with the issue array for a bad interval or an unknown study', async () => {
    await start();

    const response = await post({ interval: '7m', studies: [{ name: 'Volume' }, { name: 'Astrology' }] });

    expect(response.status).toBe(422);
    expect(await response.json()).toEqual([
      { value: '7m', msg: 'Invalid Interval', param: 'interval', location: 'body' },
      { value: 'Astrology', msg: 'Invalid Study', param: 'studies[1].name', location: 'body' },
    ]);
  });

  it('answers 400 Invalid Request for a body that is not JSON', async () => {
    await start();

    const response = await post('{not json');

    expect([response.status, await message(response)]).toEqual([400, 'Invalid Request']);
  });

  it('injects a 5xx the given number of times, then serves again', async () => {
    await start({ fault: { type: 'server-error', times: 2 } });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post({})).status);

    expect(statuses).toEqual([500, 500, 200]);
    expect(fake.calls[0]?.message).toBe('Something Went Wrong');
  });

  it('injects a 200 that is not a PNG', async () => {
    await start();
    fake.setFault({ type: 'non-png', times: 1 });

    const response = await post({});

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(readPngSize(new Uint8Array(await response.arrayBuffer()))).toBeUndefined();
  });

  it('injects Too Many Requests bursts with a Retry-After', async () => {
    await start({ fault: { type: 'too-many-requests', times: 1, retryAfterSeconds: 2 } });

    const response = await post({});

    expect([response.status, response.headers.get('retry-after'), await message(response)]).toEqual([429, '2', 'Too Many Requests']);
    expect((await post({})).status).toBe(200);
  });

  it('injects a timeout: the request is never answered', async () => {
    await start({ fault: { type: 'timeout', times: 1 } });

    await expect(post({}, PRO_KEY, AbortSignal.timeout(200))).rejects.toThrow();
    expect(fake.calls.map((call) => call.status)).toEqual(['timeout']);
    expect((await post({})).status).toBe(200);
  });

  it('injects an error whose JSON body echoes the key in the given form, and records no key', async () => {
    await start({ fault: { type: 'key-echo', times: 1, form: 'json-unicode-upper' } });

    const response = await post({});
    const text = await response.text();

    expect(response.status).toBe(403);
    expect(text).not.toContain(PRO_KEY);
    expect(text).toContain(String.raw`\u0066\u0061\u006B\u0065`);
    expect((JSON.parse(text) as { message: string }).message).toBe(`Invalid API key ${PRO_KEY}`);
    expect(fake.calls[0]?.message).toBe('Invalid API key (echoed json-unicode-upper)');
    expect(JSON.stringify(fake.calls)).not.toContain(PRO_KEY);
    expect((await post({})).status).toBe(200);
  });

  it('labels a key echo with the content type it is given', async () => {
    await start({ fault: { type: 'key-echo', times: 1, form: 'percent-lower', status: 401, contentType: 'image/png' } });

    const response = await post({});

    expect([response.status, response.headers.get('content-type')]).toEqual([401, 'image/png']);
    expect(await response.text()).toBe('{"message":"Invalid API key %66%61%6b%65%2d%70%72%6f%2d%6b%65%79%2d%30%30%30%32"}');
  });

  it('checks the key before any injected fault', async () => {
    await start({ fault: { type: 'server-error', times: 1 } });

    expect((await post({}, 'not-a-key')).status).toBe(403);
    expect((await post({})).status).toBe(500);
  });

  it('delays every answer by the configured latency', async () => {
    await start({ latencyMs: 150 });

    const started = performance.now();
    await post({});

    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 404 on any other path', async () => {
    await start();

    const response = await fetch(`${fake.url}/v3/other`, { method: 'POST', headers: { 'x-api-key': PRO_KEY } });

    expect(response.status).toBe(404);
  });
});
