import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Clock } from '@worker-chart-export/domain';
import { AccountKeyring } from './account-keyring.js';
import { FixtureStore } from './fixture-store.js';
import { GotChartApi } from './got-chart-api.js';
import { RecordingChartApi } from './recording-chart-api.js';
import { aChartCall, anAccount, aReservation, pngOf } from './testing/index.js';

const BASE = 'http://chart-img.test';
const ENDPOINT = `${BASE}/v2/tradingview/advanced-chart`;
const API_KEY = 'RECORD-SECRET-KEY-9999';
const clock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

describe('RecordingChartApi', () => {
  const server = setupServer();
  const call = aChartCall();
  const account = aReservation('acc-rec', 'PRO');
  let dir: string;
  let api: RecordingChartApi;
  let httpCalls: number;

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recording-chart-api-'));
    httpCalls = 0;
    server.events.removeAllListeners();
    server.events.on('request:start', () => {
      httpCalls += 1;
    });
    const real = new GotChartApi({ baseUrl: BASE, keyring: new AccountKeyring([anAccount({ id: 'acc-rec', apiKey: API_KEY })]), clock });
    api = new RecordingChartApi(new FixtureStore(dir), real);
  });
  afterEach(async () => {
    server.resetHandlers();
    await rm(dir, { recursive: true, force: true });
  });

  async function filesContainingKey(): Promise<string[]> {
    const names = await readdir(dir);
    const contents = await Promise.all(names.map((name) => readFile(join(dir, name), 'latin1')));
    return names.filter((_, i) => contents[i]?.includes(API_KEY));
  }

  it('is the record mode', () => {
    expect(api.mode).toBe('record');
  });

  it('replays a fixture hit without any HTTP call', async () => {
    const png = pngOf(4, 4);
    await writeFile(join(dir, `${call.fixtureKey}.png`), png);

    expect(await api.replay(call)).toMatchObject({ kind: 'http', status: 200, body: png, source: 'fixture' });
    expect(httpCalls).toBe(0);
  });

  it('answers undefined on a miss, so the caller renders', async () => {
    expect(await api.replay(call)).toBeUndefined();
  });

  it('records a rendered PNG on a miss, and the next run replays it without HTTP', async () => {
    const png = pngOf(6, 4);
    server.use(http.post(ENDPOINT, () => HttpResponse.arrayBuffer(png.slice().buffer, { headers: { 'content-type': 'image/png' } })));

    expect(await api.replay(call)).toBeUndefined();
    expect(await api.render(call, account, 2000)).toMatchObject({ kind: 'http', status: 200, source: 'network' });
    expect(await readdir(dir)).toEqual([`${call.fixtureKey}.png`]);

    expect(await api.replay(call)).toMatchObject({ kind: 'http', status: 200, body: png, source: 'fixture' });
    expect(httpCalls).toBe(1);
  });

  it('records an error answer as {status, body} and replays it', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'Limit Exceeded' }, { status: 429 })));

    await api.render(call, account, 2000);

    const name = `${call.fixtureKey}__429_LIMIT_EXCEEDED.json`;
    expect(await readdir(dir)).toEqual([name]);
    expect(JSON.parse(await readFile(join(dir, name), 'utf8'))).toEqual({ status: 429, body: { message: 'Limit Exceeded' } });
    expect(await api.replay(call)).toMatchObject({ kind: 'http', status: 429, source: 'fixture' });
    expect(await filesContainingKey()).toEqual([]);
  });

  it('records a non-JSON error body as text', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.text('Bad Gateway', { status: 502 })));

    await api.render(call, account, 2000);

    expect(JSON.parse(await readFile(join(dir, `${call.fixtureKey}__502_BAD_GATEWAY.json`), 'utf8'))).toEqual({ status: 502, body: 'Bad Gateway' });
  });

  it('saves nothing for a 200 that is not a PNG', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.text('not an image')));

    expect(await api.render(call, account, 2000)).toMatchObject({ kind: 'http', status: 200 });
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('saves nothing for a transport error', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.error()));

    expect(await api.render(call, account, 2000)).toMatchObject({ kind: 'transport-error', reason: 'network' });
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});
