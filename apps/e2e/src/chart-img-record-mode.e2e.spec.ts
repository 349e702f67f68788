import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { isPng, parseGsUri } from '@worker-chart-export/domain';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { writeAccountsFile } from './support/accounts-file.js';
import { writeChartStepFlowRun } from './support/chart-step-flow-run.js';
import { readSeedTemplates } from './support/seed-templates.js';
import { textsLeaking } from './support/secrets.js';
import { jsonSummaryOf, spawnCli, TempDirs } from '@worker-chart-export/testing';
import { readStoredStep } from './support/stored-step.js';

jest.setTimeout(120_000);

const ACCOUNT = { id: 'pro-record', apiKey: 'sk-e2e-record-91b2c3d4e5f60718', plan: 'PRO' as const };
const TIMEFRAME = '1d';

describe('run-local --charts-api-mode record against the fake Chart-IMG', () => {
  const dirs = new TempDirs();
  let fake: FakeChartImg;

  beforeAll(async () => {
    fake = await startFakeChartImg({ accounts: [ACCOUNT] });
  });
  afterAll(async () => {
    await fake.close();
    await dirs.removeAll();
  });

  it('calls the API and saves a fixture per miss, then replays them all with zero HTTP calls', async () => {
    const dir = await dirs.make('record');
    const fixturesDir = await dirs.make('record-fixtures');
    const flowRun = await writeChartStepFlowRun(dir, TIMEFRAME);
    const accountsPath = await writeAccountsFile(dir, [ACCOUNT]);
    const templateIds = (await readSeedTemplates()).map((template) => template.id);
    const runRecord = (storageDir: string, extra: string[] = []) =>
      spawnCli(
        [
          'run-local',
          '--flow-run-path',
          flowRun.path,
          '--charts-api-mode',
          'record',
          '--accounts-config-path',
          accountsPath,
          '--fixtures-dir',
          fixturesDir,
          '--storage-dir',
          storageDir,
          '--output-summary',
          'json',
          ...extra,
        ],
        { CHART_IMG_BASE_URL: fake.url },
      );

    // First run: every request misses, goes to the fake, and is saved as `<key>.png`.
    const first = await runRecord(join(dir, 'out-1'));

    expect(first.plainStderrLines).toEqual([]);
    expect(first.code).toBe(0);
    expect(jsonSummaryOf(first)).toMatchObject({ status: 'SUCCEEDED', itemsCount: 5, chartsApiMode: 'record' });
    expect(fake.calls.map((call) => [call.accountId, call.status, call.body?.interval])).toEqual(templateIds.map(() => [ACCOUNT.id, 200, '1D']));
    const fixtureNames = (await readdir(fixturesDir)).sort();
    expect(fixtureNames).toEqual(templateIds.map((id) => `BINANCE_BTCUSDT__${TIMEFRAME}__${id}.png`));
    for (const name of fixtureNames) expect(isPng(new Uint8Array(await readFile(join(fixturesDir, name))))).toBe(true);

    // Second run of the same (still READY) step: all hits, no HTTP, nothing counted against quota.
    const secondOut = join(dir, 'out-2');
    const second = await runRecord(secondOut, ['--write-back']);

    expect(second.code).toBe(0);
    expect(fake.calls).toHaveLength(5);
    const summary = jsonSummaryOf(second);
    expect(summary).toMatchObject({ status: 'SUCCEEDED', itemsCount: 5, failuresCount: 0 });
    const stored = await readStoredStep(secondOut, String(summary['outputsManifestGcsUri']));
    for (const item of stored.manifest.items) {
      const replayed = await readFile(join(secondOut, ...localParts(item.png_gcs_uri)));
      const fixture = await readFile(join(fixturesDir, `BINANCE_BTCUSDT__${TIMEFRAME}__${item.chartTemplateId}.png`));
      expect(replayed.equals(fixture)).toBe(true);
    }
    const flowRunText = await readFile(flowRun.path, 'utf8');
    const step = (JSON.parse(flowRunText) as { steps: Record<string, Record<string, unknown>> }).steps[flowRun.stepId];
    expect(step).toMatchObject({ status: 'SUCCEEDED', outputs: { usage: { calls: 0, replayed: 5 } } });

    expect(
      textsLeaking([ACCOUNT.apiKey], {
        firstStdout: first.stdout,
        firstStderr: first.stderr,
        secondStdout: second.stdout,
        secondStderr: second.stderr,
        manifest: stored.manifestText,
        flowRun: flowRunText,
      }),
    ).toEqual([]);
  });
});

function localParts(gsUri: string): string[] {
  const parsed = parseGsUri(gsUri);
  if (parsed === undefined) throw new Error(`not a gs:// object URI: ${gsUri}`);
  return [parsed.bucket, parsed.objectPath];
}
