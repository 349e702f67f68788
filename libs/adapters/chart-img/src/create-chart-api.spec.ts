import { describe, expect, it } from '@jest/globals';
import type { Clock } from '@worker-chart-export/domain';
import { ChartApiConfigError } from './chart-api-config-error.js';
import { createChartApi } from './create-chart-api.js';
import { FixtureChartApi } from './fixture-chart-api.js';
import { GotChartApi } from './got-chart-api.js';
import { LocalModeChartApi } from './local-mode-chart-api.js';
import { RecordingChartApi } from './recording-chart-api.js';
import { anAccount } from './testing/index.js';

const clock: Clock = { now: () => new Date(), sleep: () => Promise.resolve() };
const options = { fixturesDir: '/nonexistent/fixtures', accounts: [anAccount({ id: 'acc-1' })], clock };

describe('createChartApi', () => {
  it('builds the fixture API for mock, the HTTP API for real and the recorder for record', () => {
    expect(createChartApi('mock', options)).toBeInstanceOf(FixtureChartApi);
    expect(createChartApi('real', options)).toBeInstanceOf(GotChartApi);
    expect(createChartApi('record', { ...options, env: 'dev' })).toBeInstanceOf(RecordingChartApi);
  });

  it('builds, for local mode, an API that replays nothing and refuses to call Chart-IMG', async () => {
    const api = createChartApi('local', { ...options, baseUrl: 'not a url', env: 'prod' });
    expect(api).toBeInstanceOf(LocalModeChartApi);
    expect(api.mode).toBe('local');
    const call = { chartTemplateId: 'ctpl_x', chartImgSymbol: 'BINANCE:BTCUSDT', timeframe: '1h', interval: '1h', body: {}, fixtureKey: 'k' };
    await expect(api.replay(call)).resolves.toBeUndefined();
    await expect(api.render(call, { accountId: 'acc-1', plan: 'PRO', reservationId: 'r' } as never, 1000)).rejects.toThrow(
      'CHARTS_API_MODE=local never calls Chart-IMG',
    );
  });

  it('appends the endpoint path to CHART_IMG_BASE_URL, or to the provider by default', () => {
    expect((createChartApi('real', { ...options, baseUrl: 'http://127.0.0.1:4010/' }) as GotChartApi).url).toBe(
      'http://127.0.0.1:4010/v2/tradingview/advanced-chart',
    );
    expect((createChartApi('real', options) as GotChartApi).url).toBe('https://api.chart-img.com/v2/tradingview/advanced-chart');
  });

  it('refuses record mode when ENV=prod with a one-line message', () => {
    expect(() => createChartApi('record', { ...options, env: 'prod' })).toThrow(ChartApiConfigError);
    expect(() => createChartApi('record', { ...options, env: 'prod' })).toThrow(/^CHARTS_API_MODE=record is refused when ENV=prod$/);
  });

  it('allows real and mock modes when ENV=prod', () => {
    expect(createChartApi('real', { ...options, env: 'prod' }).mode).toBe('real');
    expect(createChartApi('mock', { ...options, env: 'prod' }).mode).toBe('mock');
  });

  it('refuses an unknown mode, naming it', () => {
    expect(() => createChartApi('replay', options)).toThrow('CHARTS_API_MODE "replay" is not one of real, mock, record');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => createChartApi('real', { ...options, baseUrl: 'api.chart-img.com' })).toThrow('CHART_IMG_BASE_URL "api.chart-img.com" is not an http(s) URL');
  });
});
