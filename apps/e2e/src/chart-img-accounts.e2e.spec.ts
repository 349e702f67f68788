import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import type { AccountEntry } from './support/accounts-file.js';
import { runLocalReal } from './support/run-local-real.js';
import { textsLeaking } from './support/secrets.js';
import { type CliRun, jsonSummaryOf, TempDirs } from '@worker-chart-export/testing';

jest.setTimeout(120_000);

const FIRST = { id: 'acc-first', apiKey: 'sk-e2e-first-0a1b2c3d4e5f6789', plan: 'PRO' as const };
const SECOND = { id: 'acc-second', apiKey: 'sk-e2e-second-98f7e6d5c4b3a210', plan: 'PRO' as const };
const KEYS = [FIRST.apiKey, SECOND.apiKey];

describe('run-local --charts-api-mode real: account juggling against the fake Chart-IMG', () => {
  const dirs = new TempDirs();
  const fakes: FakeChartImg[] = [];

  afterAll(async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
    await dirs.removeAll();
  });

  /** Starts a fake that knows both keys, the first with `firstDailyLimit` at the provider. */
  async function fakeWith(firstDailyLimit: number): Promise<FakeChartImg> {
    const fake = await startFakeChartImg({ accounts: [{ ...FIRST, dailyLimit: firstDailyLimit }, SECOND] });
    fakes.push(fake);
    return fake;
  }

  async function runStep(name: string, fake: FakeChartImg, accounts: AccountEntry[]): Promise<{ run: CliRun; flowRunText: string; stepId: string }> {
    const dir = await dirs.make(name);
    const { run, flowRun } = await runLocalReal(dir, { timeframe: '4h', accounts, chartImgUrl: fake.url });
    return { run, flowRunText: await readFile(flowRun.path, 'utf8'), stepId: flowRun.stepId };
  }

  it.concurrent('switches to the next account when the provider answers Limit Exceeded for the first', async () => {
    const fake = await fakeWith(0);

    const { run, flowRunText, stepId } = await runStep('switch', fake, [
      { ...FIRST, priority: 10 },
      { ...SECOND, priority: 20 },
    ]);

    expect(run.plainStderrLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(jsonSummaryOf(run)).toMatchObject({ status: 'SUCCEEDED', itemsCount: 5, failuresCount: 0 });
    const onFirst = fake.calls.filter((call) => call.accountId === FIRST.id);
    const onSecond = fake.calls.filter((call) => call.accountId === SECOND.id);
    // All five requests may reserve the first account before its first answer arrives; none after.
    expect(onFirst.length).toBeGreaterThanOrEqual(1);
    expect(onFirst.length).toBeLessThanOrEqual(5);
    expect(onFirst.map((call) => [call.status, call.message])).toEqual(onFirst.map(() => [429, 'Limit Exceeded']));
    expect(onSecond.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
    const step = (JSON.parse(flowRunText) as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step).toMatchObject({
      status: 'SUCCEEDED',
      outputs: {
        usage: {
          calls: onFirst.length + 5,
          byAccount: { [FIRST.id]: { calls: onFirst.length, succeeded: 0 }, [SECOND.id]: { calls: 5, succeeded: 5 } },
        },
      },
    });
    expect(textsLeaking(KEYS, { stdout: run.stdout, stderr: run.stderr, flowRun: flowRunText })).toEqual([]);
  });

  it.concurrent('fails CHART_API_LIMIT_EXCEEDED without a single call when every account is exhausted in our own state', async () => {
    const fake = await fakeWith(500);

    const { run, flowRunText, stepId } = await runStep('exhausted', fake, [
      { ...FIRST, dailyLimit: 0 },
      { ...SECOND, dailyLimit: 0 },
    ]);

    expect(run.plainStderrLines).toEqual([]);
    expect(run.code).toBe(1);
    expect(jsonSummaryOf(run)).toMatchObject({ status: 'FAILED', itemsCount: 0, failuresCount: 5, error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect(fake.calls).toEqual([]);
    const exhausted = run.logEntries.filter((entry) => entry['event'] === 'chart_api.accounts_exhausted');
    expect(exhausted).toEqual([expect.objectContaining({ severity: 'ERROR', exhaustedAccounts: [FIRST.id, SECOND.id] })]);
    const step = (JSON.parse(flowRunText) as { steps: Record<string, Record<string, unknown>> }).steps[stepId];
    expect(step).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_LIMIT_EXCEEDED' }, outputs: { usage: { calls: 0 } } });
    expect(textsLeaking(KEYS, { stdout: run.stdout, stderr: run.stderr, flowRun: flowRunText })).toEqual([]);
  });
});
