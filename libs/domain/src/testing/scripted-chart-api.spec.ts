import type { ChartApiResponse, ChartsApiMode } from '../ports/chart-api.js';
import { describeChartApiContract, type ProviderAnswer, type ProviderBehaviour } from './chart-api.contract.js';
import { ScriptedChartApi } from './scripted-chart-api.js';

const asResponse = (answer: ProviderAnswer, source: 'network' | 'fixture'): ChartApiResponse => ({
  kind: 'http',
  status: answer.status,
  contentType: answer.contentType,
  body: answer.body,
  source,
  durationMs: 1,
});

/** The fake's fixtures and provider, scripted: it claims to be a real or a mock API (never a recording one). */
const scripted = (mode: ChartsApiMode) => async () => {
  const fixtures = new Map<string, ProviderAnswer>();
  let behaviour: ProviderBehaviour = 'drop';
  const requests: unknown[] = [];
  const api = new ScriptedChartApi(
    (call, _account) => {
      requests.push(call.body);
      if (behaviour === 'drop') return { kind: 'transport-error', reason: 'network', message: 'connection reset', durationMs: 1 };
      if (behaviour === 'hang') return { kind: 'transport-error', reason: 'timeout', message: 'no answer', durationMs: 1 };
      return asResponse(behaviour, 'network');
    },
    mode,
    (call) => {
      const fixture = fixtures.get(call.fixtureKey);
      return fixture === undefined ? undefined : asResponse(fixture, 'fixture');
    },
  );
  return {
    api,
    account: { accountId: 'acc-contract', plan: 'PRO' as const },
    fixture: async (key: string, answer: ProviderAnswer) => void fixtures.set(key, answer),
    provider: { behave: (next: ProviderBehaviour) => void (behaviour = next), requests: () => requests },
  };
};

describeChartApiContract('ScriptedChartApi', 'real', scripted('real'));
describeChartApiContract('ScriptedChartApi', 'mock', scripted('mock'));
