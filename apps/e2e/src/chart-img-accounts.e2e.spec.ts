import { readFile } from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import type { FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import type { AccountEntry } from './support/accounts-file.js';
import { useFakeChartImgs } from './support/fake-chart-imgs.js';
import { runLocalReal } from './support/run-local-real.js';
import { textsLeaking } from './support/secrets.js';
import { type CliRun, jsonSummaryOf } from '@worker-chart-export/testing';

jest.setTimeout(120_000);

const FIRST = { id: 'acc-first', apiKey: 'sk-e2e-first-0a1b2c3d4e5f6789', plan: 'PRO' as const };
const SECOND = { id: 'acc-second', apiKey: 'sk-e2e-second-98f7e6d5c4b3a210', plan: 'PRO' as const };
const KEYS = [FIRST.apiKey, SECOND.apiKey];

describe('run-local --charts-api-mode real: account juggling against the fake Chart-IMG', () => {
  const { dirs, start } = useFakeChartImgs();

  /**
   * Runs the step with `accounts` against a fake that knows both keys, the first with `firstDailyLimit` at the
   * provider; checks what every case holds (no stderr but log lines, no key in stdout, stderr or the flow_run) and
   * returns the fake, the run and the step as written back.
   */
  async function runStep(
    name: string,
    firstDailyLimit: number,
    accounts: AccountEntry[],
  ): Promise<{ fake: FakeChartImg; run: CliRun; step: Record<string, unknown> | undefined }> {
    const fake = await start({ accounts: [{ ...FIRST, dailyLimit: firstDailyLimit }, SECOND] });
    const { run, flowRun } = await runLocalReal(await dirs.make(name), { timeframe: '4h', accounts, chartImgUrl: fake.url });
    const flowRunText = await readFile(flowRun.path, 'utf8');
    expect(run.plainStderrLines).toEqual([]);
    expect(textsLeaking(KEYS, { stdout: run.stdout, stderr: run.stderr, flowRun: flowRunText })).toEqual([]);
    return { fake, run, step: (JSON.parse(flowRunText) as { steps: Record<string, Record<string, unknown>> }).steps[flowRun.stepId] };
  }

  it.concurrent('switches to the next account when the provider answers Limit Exceeded for the first', async () => {
    const { fake, run, step } = await runStep('switch', 0, [
      { ...FIRST, priority: 10 },
      { ...SECOND, priority: 20 },
    ]);

    expect(run.code).toBe(0);
    expect(jsonSummaryOf(run)).toMatchObject({ status: 'SUCCEEDED', itemsCount: 5, failuresCount: 0 });
    const onFirst = fake.calls.filter((call) => call.accountId === FIRST.id);
    const onSecond = fake.calls.filter((call) => call.accountId === SECOND.id);
    // All five requests may reserve the first account before its first answer arrives; none after.
    expect(onFirst.length).toBeGreaterThanOrEqual(1);
    expect(onFirst.length).toBeLessThanOrEqual(5);
    expect(onFirst.map((call) => [call.status, call.message])).toEqual(onFirst.map(() => [429, 'Limit Exceeded']));
    expect(onSecond.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
    expect(step).toMatchObject({
      status: 'SUCCEEDED',
      outputs: {
        usage: {
          calls: onFirst.length + 5,
          byAccount: { [FIRST.id]: { calls: onFirst.length, succeeded: 0 }, [SECOND.id]: { calls: 5, succeeded: 5 } },
        },
      },
    });
  });

  it.concurrent('fails CHART_API_LIMIT_EXCEEDED without a single call when every account is exhausted in our own state', async () => {
    const { fake, run, step } = await runStep('exhausted', 500, [
      { ...FIRST, dailyLimit: 0 },
      { ...SECOND, dailyLimit: 0 },
    ]);

    expect(run.code).toBe(1);
    expect(jsonSummaryOf(run)).toMatchObject({ status: 'FAILED', itemsCount: 0, failuresCount: 5, error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect(fake.calls).toEqual([]);
    const exhausted = run.logEntries.filter((entry) => entry['event'] === 'chart_api.accounts_exhausted');
    expect(exhausted).toEqual([expect.objectContaining({ severity: 'ERROR', exhaustedAccounts: [FIRST.id, SECOND.id] })]);
    expect(step).toMatchObject({ status: 'FAILED', error: { code: 'CHART_API_LIMIT_EXCEEDED' }, outputs: { usage: { calls: 0 } } });
  });
});
