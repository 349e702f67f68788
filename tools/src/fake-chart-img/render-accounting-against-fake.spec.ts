import { afterEach, describe, expect, it } from '@jest/globals';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { aChartCall } from '@worker-chart-export/adapter-chart-img/testing';
import { InMemoryAccountPool, SystemClock } from '@worker-chart-export/adapter-local';
import type { ChartExportSettings, ChartImgAccount, Clock, RunChartExportStep } from '@worker-chart-export/domain';
import { aChartExportStep, aFlowRun, aTemplate, inMemoryStepRig, MapTemplateRepo, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { startFakeChartImg } from './fake-chart-img.js';
import type { FakeChartImg } from './fake-chart-img-types.js';

const TEMPLATE_ID = 'ctpl_wide_v1';

function account(id: string, plan: ChartImgAccount['plan'], priority: number): ChartImgAccount {
  return { id, apiKey: `key-${id}-accounting-0000`, plan, priority, dailyLimit: 44 };
}

/**
 * One step over `templates` (id to request body) with the real client (`chartApi`, default a GotChartApi on
 * the system clock) and pool against the fake.
 */
function stepAgainst(
  fake: FakeChartImg,
  accounts: ChartImgAccount[],
  templates: Record<string, Record<string, unknown>>,
  options: { settings?: Partial<ChartExportSettings>; chartApi?: GotChartApi } = {},
): { useCase: RunChartExportStep; pool: InMemoryAccountPool } {
  const clock = new SystemClock();
  const requests = Object.keys(templates).map((chartTemplateId) => ({ chartTemplateId }));
  const { useCase, accounts: pool } = inMemoryStepRig({
    clock,
    flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests }) }),
    templates: new MapTemplateRepo(Object.fromEntries(Object.entries(templates).map(([id, request]) => [id, aTemplate(id, { request })]))),
    chartApi: options.chartApi ?? new GotChartApi({ baseUrl: fake.url, keyring: new AccountKeyring(accounts), clock }),
    accounts: new InMemoryAccountPool(accounts, clock),
    owner: 'accounting-spec',
    settings: { bucket: 'charts-accounting', backoffBaseMs: 1, backoffMaxMs: 5, attemptTimeoutMs: 5_000, stepDeadlineMs: 20_000, ...options.settings },
  });
  return { useCase, pool };
}

describe('RunChartExportStep with GotChartApi and InMemoryAccountPool against the fake Chart-IMG: accounting', () => {
  let fake: FakeChartImg | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('after 403 Exceed Max Usage, moves the request to an account whose plan can serve it, skipping the other accounts of the refused plan', async () => {
    // Configured as PRO, both PRO accounts are BASIC at the provider: it refuses 1280x720 on them.
    const accounts = [account('acc-pro-1', 'PRO', 1), account('acc-pro-2', 'PRO', 2), account('acc-mega', 'MEGA', 3)];
    fake = await startFakeChartImg({
      accounts: accounts.map((a) => ({ id: a.id, apiKey: a.apiKey, plan: a.plan === 'PRO' ? 'BASIC' : a.plan })),
    });
    const { useCase } = stepAgainst(fake, accounts, { [TEMPLATE_ID]: { width: 1280, height: 720, style: 'candle', theme: 'light' } });

    const result = await useCase.execute({ runId: RUN_ID });

    expect(fake.calls.map((call) => [call.accountId, call.status])).toEqual([
      ['acc-pro-1', 403],
      ['acc-mega', 200],
    ]);
    expect(fake.calls[0]?.message).toBe('Exceed Max Usage Resolution Limit (800x600)');
    expect(result).toMatchObject({ status: 'SUCCEEDED' });
  }, 30_000);

  it('gives back the quota unit of every attempt the BASIC rate limit could not send within the attempt timeout', async () => {
    const accounts = [account('acc-basic', 'BASIC', 1)];
    fake = await startFakeChartImg({ accounts: accounts.map((a) => ({ id: a.id, apiKey: a.apiKey, plan: a.plan })) });
    // The client's pacing clock stands still, so its bucket never refills: once the 3 burst tokens are spent,
    // every call would have to wait 1.5 s, longer than the step's 1 s attempt timeout, and is not sent.
    const frozen: Clock = { now: () => new Date('2026-03-02T09:00:00Z'), sleep: () => Promise.resolve() };
    const chartApi = new GotChartApi({ baseUrl: fake.url, keyring: new AccountKeyring(accounts), clock: frozen });
    const burst = await Promise.all([1, 2, 3].map(() => chartApi.render(aChartCall(), { accountId: 'acc-basic', plan: 'BASIC' }, 30_000)));
    expect(burst.map((response) => (response.kind === 'http' ? response.status : response.kind))).toEqual([200, 200, 200]);
    const templates = Object.fromEntries(['a', 'b', 'c'].map((name) => [`ctpl_${name}_v1`, { width: 800, height: 600 }]));
    const { useCase, pool } = stepAgainst(fake, accounts, templates, { settings: { attemptTimeoutMs: 1_000 }, chartApi });

    const result = await useCase.execute({ runId: RUN_ID });

    // 3 requests x 3 attempts, each on a reserved unit that went back: the account's quota is untouched.
    expect(fake.calls).toHaveLength(3);
    expect(pool.snapshot()).toMatchObject([{ id: 'acc-basic', usageToday: 0, failureToday: 0 }]);
    expect(result).toMatchObject({ status: 'FAILED', itemsCount: 0, failuresCount: 3, usage: { calls: 0, succeeded: 0, failed: 0 } });
    expect(result.status === 'FAILED' && result.error?.message).toContain('0 of 3 charts rendered');
  }, 30_000);
});
