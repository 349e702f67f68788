import net from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { setupServer } from 'msw/node';
import { FixtureChartApi, MockModeRenderError } from './fixture-chart-api.js';
import { FixtureStore } from './fixture-store.js';
import { aChartCall, aReservation, pngOf } from './testing/index.js';

describe('FixtureChartApi', () => {
  let dir: string;
  let api: FixtureChartApi;
  const call = aChartCall();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fixture-chart-api-'));
    api = new FixtureChartApi(new FixtureStore(dir));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the mock mode', () => {
    expect(api.mode).toBe('mock');
  });

  it('replays a stored PNG as a 200 image/png from the fixture', async () => {
    const png = pngOf(8, 6);
    await writeFile(join(dir, `${call.fixtureKey}.png`), png);

    const response = await api.replay(call);

    expect(response).toMatchObject({ kind: 'http', status: 200, contentType: 'image/png', body: png, source: 'fixture' });
    expect(response.kind === 'http' && response.durationMs >= 0).toBe(true);
  });

  it('replays an error fixture with its status and JSON body', async () => {
    const body = { message: 'Limit Exceeded' };
    await writeFile(join(dir, `${call.fixtureKey}__429_LIMIT_EXCEEDED.json`), JSON.stringify({ status: 429, body }));

    const response = await api.replay(call);

    expect(response).toMatchObject({ kind: 'http', status: 429, contentType: 'application/json', source: 'fixture' });
    expect(response.kind === 'http' && JSON.parse(new TextDecoder().decode(response.body))).toEqual(body);
  });

  it('answers fixture-missing with the key when no fixture exists', async () => {
    expect(await api.replay(call)).toEqual({ kind: 'fixture-missing', fixtureKey: call.fixtureKey });
  });

  it('refuses to render, naming the fixture key', async () => {
    await expect(api.render(call, aReservation('acc-1'), 1000)).rejects.toThrow(MockModeRenderError);
    await expect(api.render(call, aReservation('acc-1'), 1000)).rejects.toThrow(
      `mock mode never calls the API: render() was called for fixture ${call.fixtureKey}`,
    );
  });

  describe('with every outgoing request trapped', () => {
    const server = setupServer();
    const requests: string[] = [];

    beforeAll(() => {
      server.listen({ onUnhandledRequest: 'error' });
      server.events.on('request:start', ({ request }) => requests.push(request.url));
    });
    afterAll(() => server.close());

    it('opens no socket and sends no request, whether the fixture exists or not', async () => {
      const connect = jest.spyOn(net.Socket.prototype, 'connect');
      try {
        await writeFile(join(dir, `${call.fixtureKey}.png`), pngOf(2, 2));
        const missing = aChartCall({ chartTemplateId: 'ctpl_absent_v1' });

        await api.replay(call);
        await api.replay(missing);
        await api.render(call, aReservation('acc-1'), 1000).catch(() => undefined);

        expect(connect).not.toHaveBeenCalled();
        expect(requests).toEqual([]);
      } finally {
        connect.mockRestore();
      }
    });
  });
});
