import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Clock } from '@worker-chart-export/domain';
import { describeChartApiContract, type ProviderAnswer, type ProviderBehaviour } from '@worker-chart-export/domain/testing';
import { AccountKeyring } from './account-keyring.js';
import { FixtureChartApi } from './fixture-chart-api.js';
import { FixtureStore } from './fixture-store.js';
import { GotChartApi } from './got-chart-api.js';
import { RecordingChartApi } from './recording-chart-api.js';
import { anAccount } from './testing/index.js';

// The provider is msw on a made-up host: nothing leaves the process.
const BASE = 'http://chart-img.contract.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const realClock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
// Ready to send at once: the pacing of the account's key is not what this contract is about.
const ACCOUNT = { accountId: 'acc-contract', plan: 'PRO' as const, sendAt: new Date(0) };

function provider() {
  let behaviour: ProviderBehaviour = 'drop';
  const requests: unknown[] = [];
  server.resetHandlers(
    http.post(`${BASE}/v2/tradingview/advanced-chart`, async ({ request }) => {
      requests.push(await request.json());
      if (behaviour === 'drop') return HttpResponse.error();
      if (behaviour === 'hang') {
        await delay('infinite');
        return HttpResponse.error();
      }
      return new HttpResponse(behaviour.body.slice().buffer, { status: behaviour.status, headers: { 'content-type': behaviour.contentType } });
    }),
  );
  return { behave: (next: ProviderBehaviour) => void (behaviour = next), requests: () => requests };
}

async function fixtureStore() {
  const dir = await mkdtemp(join(tmpdir(), 'chart-api-contract-'));
  const store = new FixtureStore(dir);
  const fixture = async (key: string, answer: ProviderAnswer): Promise<void> => {
    if (answer.status === 200) await store.savePng(key, answer.body);
    else await store.saveError(key, answer.status, JSON.parse(new TextDecoder().decode(answer.body)));
  };
  return { store, fixture, dispose: () => rm(dir, { recursive: true, force: true }) };
}

const gotApi = () => new GotChartApi({ baseUrl: BASE, keyring: new AccountKeyring([anAccount({ id: ACCOUNT.accountId, plan: 'PRO' })]), clock: realClock });

describeChartApiContract('FixtureChartApi', 'mock', async () => {
  const { store, fixture, dispose } = await fixtureStore();
  return { api: new FixtureChartApi(store), account: ACCOUNT, fixture, dispose };
});

describeChartApiContract('GotChartApi against msw', 'real', async () => ({ api: gotApi(), account: ACCOUNT, provider: provider() }));

describeChartApiContract('RecordingChartApi over GotChartApi against msw', 'record', async () => {
  const { store, fixture, dispose } = await fixtureStore();
  return { api: new RecordingChartApi(store, gotApi()), account: ACCOUNT, fixture, provider: provider(), dispose };
});
