import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { runLocalReal } from './support/run-local-real.js';
import { readSeedTemplates, type SeedTemplate } from './support/seed-templates.js';
import { textsLeaking } from './support/secrets.js';
import { jsonSummaryOf, TempDirs } from '@worker-chart-export/testing';
import { readStoredStep } from './support/stored-step.js';

// Four CLI processes (one per timeframe) run at once against one fake; each takes a few seconds.
jest.setTimeout(120_000);

/** The flow's timeframe and the interval Chart-IMG must receive for it (`1M` a month, `1w` -> `1W`, `1d` -> `1D`). */
const TIMEFRAMES = [
  ['1M', '1M'],
  ['1w', '1W'],
  ['1d', '1D'],
  ['4h', '4h'],
] as const;

/** One PRO account per timeframe, so concurrent processes never share a provider rate limit and calls are attributable. */
const accountFor = (timeframe: string) => ({ id: `pro-${timeframe}`, apiKey: `sk-e2e-real-${timeframe}-5f0c9d2e7a41b386`, plan: 'PRO' as const });
const ALL_KEYS = TIMEFRAMES.map(([timeframe]) => accountFor(timeframe).apiKey);

describe('run-local --charts-api-mode real against the fake Chart-IMG', () => {
  const dirs = new TempDirs();
  let fake: FakeChartImg;
  let templates: SeedTemplate[];

  beforeAll(async () => {
    fake = await startFakeChartImg({ accounts: TIMEFRAMES.map(([timeframe]) => accountFor(timeframe)) });
    templates = await readSeedTemplates();
  });
  afterAll(async () => {
    await fake.close();
    await dirs.removeAll();
  });

  it.concurrent.each(TIMEFRAMES)(
    'renders every seed template at timeframe %s: interval %s on the wire, SUCCEEDED, 5 PNGs of the template size, no key anywhere',
    async (timeframe, interval) => {
      const dir = await dirs.make(`real-${timeframe}`);
      const account = accountFor(timeframe);
      const { run, flowRun, storageDir } = await runLocalReal(dir, { timeframe, accounts: [account], chartImgUrl: fake.url, env: { LOG_LEVEL: 'debug' } });

      expect(run.plainStderrLines).toEqual([]);
      expect(run.code).toBe(0);
      const summary = jsonSummaryOf(run);
      expect(summary).toMatchObject({ status: 'SUCCEEDED', stepId: flowRun.stepId, itemsCount: 5, failuresCount: 0, chartsApiMode: 'real' });

      // On the wire: exactly one 200 per template, with the provider's symbol and interval.
      const calls = fake.calls.filter((call) => call.accountId === account.id);
      expect(calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
      for (const call of calls) expect(call.body).toMatchObject({ symbol: 'BINANCE:BTCUSDT', interval });
      const sizeOf = (size: { width?: unknown; height?: unknown } | undefined): string => `${String(size?.width)}x${String(size?.height)}`;
      expect(calls.map((call) => sizeOf(call.body)).sort()).toEqual(templates.map((template) => sizeOf(template.requested)).sort());

      // On disk: the manifest and one valid PNG per template, of that template's size.
      const stored = await readStoredStep(storageDir, String(summary['outputsManifestGcsUri']));
      expect(stored.manifest).toMatchObject({ runId: flowRun.runId, stepId: flowRun.stepId, timeframe, symbol: 'BTCUSDT', failures: [] });
      expect(stored.pngs.map(({ chartTemplateId, width, height }) => ({ chartTemplateId, width, height })).sort(byId)).toEqual(
        templates.map(({ id, width, height }) => ({ chartTemplateId: id, width, height })),
      );
      for (const png of stored.pngs) expect(png.fileName).toMatch(new RegExp(`^\\d{8}-\\d{6}_BTCUSDT_${timeframe}_${png.chartTemplateId}\\.png$`));
      expect(stored.files).toEqual([...stored.pngs.map((png) => png.fileName), 'manifest.json'].sort());

      // The flow_run written back: SUCCEEDED, pointing at the manifest, one accounted call per template.
      const flowRunText = await readFile(flowRun.path, 'utf8');
      const step = (JSON.parse(flowRunText) as { steps: Record<string, Record<string, unknown>> }).steps[flowRun.stepId];
      expect(step).toMatchObject({
        status: 'SUCCEEDED',
        outputs: { outputsManifestGcsUri: summary['outputsManifestGcsUri'], usage: { calls: 5, succeeded: 5, failed: 0 } },
      });

      // Debug logging is on, so the richest log stream is the one checked for keys.
      expect(run.logEntries.filter((entry) => entry['event'] === 'chart_api.call.started')).toHaveLength(5);
      expect(textsLeaking(ALL_KEYS, { stdout: run.stdout, stderr: run.stderr, manifest: stored.manifestText, flowRun: flowRunText })).toEqual([]);
    },
  );
});

function byId(a: { chartTemplateId: string }, b: { chartTemplateId: string }): number {
  return a.chartTemplateId.localeCompare(b.chartTemplateId);
}
