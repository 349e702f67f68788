import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { aChartCall } from '@worker-chart-export/adapter-chart-img/testing';
import { SystemClock } from '@worker-chart-export/adapter-local';
import { readPngSize } from '@worker-chart-export/domain';
import { startFakeChartImg } from './fake-chart-img.js';
import type { FakeChartImg } from './fake-chart-img-types.js';

const BASIC_KEY = 'basic-key-for-the-fake-1234';
const PRO_KEY = 'pro-key-for-the-fake-5678';

describe('GotChartApi against the fake Chart-IMG', () => {
  let fake: FakeChartImg;
  let api: GotChartApi;

  beforeAll(async () => {
    fake = await startFakeChartImg({
      accounts: [
        { id: 'basic', apiKey: BASIC_KEY, plan: 'BASIC' },
        { id: 'pro', apiKey: PRO_KEY, plan: 'PRO' },
      ],
    });
    const keyring = new AccountKeyring([
      { id: 'basic', apiKey: BASIC_KEY },
      { id: 'pro', apiKey: PRO_KEY },
    ]);
    api = new GotChartApi({ baseUrl: fake.url, keyring, clock: new SystemClock() });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('renders a PNG of the requested size with the reserved account', async () => {
    const call = aChartCall({ body: { symbol: 'BINANCE:BTCUSDT', interval: '1M', width: 640, height: 400 } });

    const response = await api.render(call, { accountId: 'pro', plan: 'PRO' }, 5000);

    expect(response).toMatchObject({ kind: 'http', status: 200, contentType: 'image/png' });
    expect(response.kind === 'http' && readPngSize(response.body)).toEqual({ width: 640, height: 400 });
    expect(fake.calls.at(-1)?.accountId).toBe('pro');
  });

  it('times out on a request the provider never answers', async () => {
    fake.setFault({ type: 'timeout', times: 1 });

    const response = await api.render(aChartCall(), { accountId: 'pro', plan: 'PRO' }, 200);

    expect(response).toMatchObject({ kind: 'transport-error', reason: 'timeout' });
  });
});
