import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from '@worker-chart-export/adapter-firestore/testing';
import { PLAN_LIMITS } from '@worker-chart-export/domain';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { runLocalReal } from './support/run-local-real.js';
import { jsonSummaryOf, spawnCli, TempDirs } from '@worker-chart-export/testing';

jest.setTimeout(180_000);

const PROCESSES = 4;
const BASIC = { id: 'acc-fleet-basic', apiKey: 'sk-e2e-fleet-basic-5e6f7a8b9c0d1e2f', plan: 'BASIC' as const, dailyLimit: 50 };

// Rate limits are per key, and a key is shared by every process using the account: the send schedule is handed out
// with each reservation from Firestore, so the processes together stay within the key's plan.
describeWithFirestoreEmulator('run-local in several processes on one BASIC key: the send schedule is shared through Firestore', () => {
  const emulator = useEmulatorFirestore('fleet-pacing');
  const dirs = new TempDirs();
  let fake: FakeChartImg | undefined;

  afterAll(async () => {
    await fake?.close();
    await dirs.removeAll();
  });

  beforeAll(async () => {
    // Builds the CLI bundle if a source changed, so the processes below start from it rather than each building it.
    await spawnCli(['--help']);
  });

  it(`${PROCESSES} processes x 5 requests: no Too Many Requests, every chart rendered`, async () => {
    fake = await startFakeChartImg({ accounts: [BASIC], latencyMs: 200 });
    const url = fake.url;
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, async (_, index) => {
        const { run } = await runLocalReal(await dirs.make(`fleet-${index}`), {
          timeframe: '4h',
          accounts: [BASIC],
          chartImgUrl: url,
          args: ['--account-usage', 'firestore', '--project', emulator.projectId],
          writeBack: false,
          env: { FIRESTORE_EMULATOR_HOST: process.env['FIRESTORE_EMULATOR_HOST'] as string },
        });
        return run;
      }),
    );

    const calls = fake.calls;
    const statuses = calls.map((call) => call.status);
    const at = calls.map((call) => call.at);
    const spanMs = Math.max(...at) - Math.min(...at);
    const { ratePerSecond, burst } = PLAN_LIMITS.BASIC;
    // The figure, not an assertion: the plan's floor is (calls - burst) / rate.
    console.log(
      `fleet pacing: ${PROCESSES} processes, ${calls.length} calls on one BASIC key, ` +
        `${statuses.filter((status) => status === 429).length} x 429, span ${spanMs} ms (plan minimum ${((calls.length - burst) / ratePerSecond) * 1000} ms)`,
    );
    expect(runs.map((run) => run.plainStderrLines)).toEqual(runs.map(() => []));
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(statuses).toEqual(Array.from({ length: PROCESSES * 5 }, () => 200));
    expect(runs.map((run) => jsonSummaryOf(run))).toEqual(runs.map(() => expect.objectContaining({ status: 'SUCCEEDED', itemsCount: 5 })));
    const usage = (await emulator.db().collection('chart_img_accounts_usage').doc(BASIC.id).get()).data();
    expect(usage).toMatchObject({ usageToday: PROCESSES * 5 });
  });
});
