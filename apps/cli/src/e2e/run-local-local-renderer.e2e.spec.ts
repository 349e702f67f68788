import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parseGsUri } from '@worker-chart-export/domain';
import { OHLCV_STEP_ID, aFlowRun, writeTestFile } from './flow-run-files.js';
import { readValidManifest } from './manifest-checks.js';
import { startNetworkTripwire, type NetworkTripwire } from './network-tripwire.js';
import { type CliRun, lastJsonLine, REPO_ROOT, spawnCli, tempDir } from '@worker-chart-export/testing';

// Each case spawns a real CLI process that loads the renderer and draws charts; they run concurrently.
jest.setTimeout(180_000);

const EXAMPLE = 'fixtures/flow-runs/example-ready.json';
const EXAMPLE_STEP = 'charts:1h:all_templates';
const SECRET = 'sk-test-local-fallback-0123456789';
// Both accounts have spent their daily quota: the pool serves no Chart-IMG call at all.
const SPENT_ACCOUNTS = JSON.stringify([
  { id: 'acc-spent-1', apiKey: SECRET, plan: 'PRO', dailyLimit: 0 },
  { id: 'acc-spent-2', apiKey: `${SECRET}-2`, plan: 'PRO', dailyLimit: 0 },
]);

let tripwire: NetworkTripwire;
let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tripwire = await startNetworkTripwire();
  dir = await tempDir('cli-local-renderer');
});
afterAll(async () => {
  await tripwire.close();
  await dir.cleanup();
});

/** Runs the example flow_run (a copy, written back) into a storage dir of its own; every network client points at the tripwire. */
async function runExample(name: string, args: string[], env: Record<string, string> = {}) {
  const flowRunPath = join(dir.path, `${name}.json`);
  await copyFile(join(REPO_ROOT, EXAMPLE), flowRunPath);
  const storageDir = join(dir.path, name);
  const run = await spawnCli(['run-local', '--flow-run-path', flowRunPath, '--storage-dir', storageDir, '--write-back', '--output-summary', 'json', ...args], {
    ...tripwire.env,
    ...env,
  });
  const flowRun = JSON.parse(await readFile(flowRunPath, 'utf8')) as { steps: Record<string, { status: string; outputs: Record<string, unknown> }> };
  return { run, storageDir, step: flowRun.steps[EXAMPLE_STEP] };
}

/** The template's size: its `request.width`/`height`, else Chart-IMG's 800x600. */
async function templateSize(chartTemplateId: string): Promise<{ width: number; height: number }> {
  const template = JSON.parse(await readFile(join(REPO_ROOT, 'chart-templates', `${chartTemplateId}.json`), 'utf8')) as {
    request: { width?: number; height?: number };
  };
  return { width: template.request.width ?? 800, height: template.request.height ?? 600 };
}

/** Every manifest item is a PNG on disk of its template's size, drawn by the local renderer. */
async function expectLocalCharts(run: CliRun, storageDir: string, count: number): Promise<void> {
  const summary = lastJsonLine(run.stdout);
  expect(summary).toMatchObject({ status: 'SUCCEEDED', itemsCount: count, failuresCount: 0 });
  const manifest = await readValidManifest(storageDir, String(summary['outputsManifestGcsUri']));
  expect(manifest.items).toHaveLength(count);
  for (const item of manifest.items) {
    expect(item.meta).toEqual({ renderer: 'local' });
    const object = parseGsUri(item.png_gcs_uri);
    if (object === undefined) throw new Error(`not a gs:// URI: ${item.png_gcs_uri}`);
    const png = PNG.sync.read(await readFile(join(storageDir, object.bucket, object.objectPath)));
    expect({ id: item.chartTemplateId, width: png.width, height: png.height }).toEqual({
      id: item.chartTemplateId,
      ...(await templateSize(item.chartTemplateId)),
    });
  }
}

const events = (run: CliRun, name: string) => run.logEntries.filter((entry) => entry['event'] === name);

describe('run-local --charts-api-mode local: every chart drawn from OHLCV, no Chart-IMG', () => {
  it.concurrent('after a mock run into the same storage dir, draws every chart anew instead of reusing the fixture PNGs', async () => {
    const name = 'mock-then-local';
    const mock = await runExample(name, []);
    expect(lastJsonLine(mock.run.stdout)).toMatchObject({ status: 'SUCCEEDED', chartsApiMode: 'mock' });
    // The same READY step again (a fresh copy of the example), now in local mode, writing where the mock run wrote.
    const { run, storageDir } = await runExample(name, ['--charts-api-mode', 'local']);
    expect(events(run, 'png.reused')).toEqual([]);
    await expectLocalCharts(run, storageDir, 5);
  });

  it.concurrent("renders the example step from a fresh clone: five PNGs of the templates' sizes, marked local, counted apart", async () => {
    const { run, storageDir, step } = await runExample('local-mode', ['--charts-api-mode', 'local']);
    expect(run.code).toBe(0);
    await expectLocalCharts(run, storageDir, 5);
    expect(step?.status).toBe('SUCCEEDED');
    expect(step?.outputs['usage']).toEqual({ calls: 0, succeeded: 0, failed: 0, replayed: 0, renderedLocally: 5, byAccount: {} });
    expect(events(run, 'chart_api.call.started')).toEqual([]);
    // The example's own OHLCV file is not in the fresh storage dir: the example directory's file stood in for it.
    expect(events(run, 'chart.local_render.finished').map((entry) => entry['localRender'])).toEqual(
      Array(5).fill(expect.objectContaining({ reason: 'mode', outcome: 'succeeded', ohlcvFrom: 'fixtures/ohlcv/BTCUSDT_1h.json' })),
    );
    expect(tripwire.connections()).toBe(0);
  });

  it.concurrent("draws from the step's own OHLCV file when the storage holds it, and refuses a file of another timeframe per request", async () => {
    const flowRun = aFlowRun();
    const steps = flowRun['steps'] as Record<string, Record<string, unknown>>;
    const ohlcvUri = 'gs://charts-local/ohlcv/own/ohlcv_export:1h.json';
    steps[OHLCV_STEP_ID] = { ...steps[OHLCV_STEP_ID], outputs: { gcs_uri: ohlcvUri } };
    const path = await writeTestFile(dir.path, 'own-ohlcv.json', flowRun);
    const storageDir = join(dir.path, 'own-ohlcv');
    const object = parseGsUri(ohlcvUri);
    if (object === undefined) throw new Error('bad URI');
    const ohlcvFile = join(storageDir, object.bucket, object.objectPath);
    await mkdir(join(ohlcvFile, '..'), { recursive: true });
    const example = JSON.parse(await readFile(join(REPO_ROOT, 'fixtures/ohlcv/BTCUSDT_1h.json'), 'utf8')) as { metadata: Record<string, unknown> };
    // The step's own file says 4h: the renderer must have read it (not the example) and refused the mismatch.
    await writeFile(ohlcvFile, JSON.stringify({ ...example, metadata: { ...example.metadata, timeframe: '4h' } }));
    const run = await spawnCli(
      ['run-local', '--flow-run-path', path, '--storage-dir', storageDir, '--charts-api-mode', 'local', '--output-summary', 'json'],
      tripwire.env,
    );
    expect(run.code).toBe(1);
    const summary = lastJsonLine(run.stdout);
    const manifest = await readValidManifest(storageDir, String(summary['outputsManifestGcsUri']));
    expect((manifest.failures ?? []).map((failure) => failure.error.message)).toEqual([
      `ctpl_price_ma1226_vol_v1: OHLCV file ${ohlcvUri} holds BTCUSDT 4h, not BINANCE:BTCUSDT 1h`,
    ]);

    await writeFile(ohlcvFile, JSON.stringify(example));
    const again = await spawnCli(
      [
        'run-local',
        '--flow-run-path',
        path,
        '--storage-dir',
        storageDir,
        '--charts-api-mode',
        'local',
        '--output-summary',
        'json',
        '--ohlcv-dir',
        join(dir.path, 'no-examples'),
      ],
      tripwire.env,
    );
    expect(again.code).toBe(0);
    await expectLocalCharts(again, storageDir, 1);
  });

  it.concurrent('fails each request with a message naming what is missing when the step has no OHLCV to draw from', async () => {
    const path = await writeTestFile(dir.path, 'no-ohlcv.json', aFlowRun());
    const storageDir = join(dir.path, 'no-ohlcv');
    const run = await spawnCli(
      ['run-local', '--flow-run-path', path, '--storage-dir', storageDir, '--charts-api-mode', 'local', '--output-summary', 'json'],
      tripwire.env,
    );
    expect(run.code).toBe(1);
    const summary = lastJsonLine(run.stdout);
    expect(summary).toMatchObject({ status: 'FAILED', itemsCount: 0, failuresCount: 1 });
    const manifest = await readValidManifest(storageDir, String(summary['outputsManifestGcsUri']));
    expect((manifest.failures ?? []).map((failure) => [failure.error.code, failure.error.message])).toEqual([
      [
        'CHART_API_FAILED',
        `ctpl_price_ma1226_vol_v1: no OHLCV to draw from: OHLCV_EXPORT step "${OHLCV_STEP_ID}" has no gs:// outputs.gcs_uri (status SUCCEEDED)`,
      ],
    ]);
  });

  it.concurrent('names both places it looked when neither the storage nor the example directory has the file', async () => {
    const { run, storageDir } = await runExample('no-examples', ['--charts-api-mode', 'local', '--ohlcv-dir', join(dir.path, 'empty-dir')]);
    expect(run.code).toBe(1);
    const manifest = await readValidManifest(storageDir, String(lastJsonLine(run.stdout)['outputsManifestGcsUri']));
    expect(manifest.failures).toHaveLength(5);
    for (const failure of manifest.failures ?? []) {
      expect(failure.error.message).toMatch(
        /^ctpl_\w+: cannot read OHLCV file gs:\/\/charts-local\/ohlcv\/20251215-102530_BTCUSDT_k3f7a\/ohlcv_export:1h\.json at .*: no such file; no example OHLCV either: cannot read .*empty-dir\/BTCUSDT_1h\.json \(ENOENT\)$/,
      );
    }
  });
});

describe('CHART_RENDER_FALLBACK=local: what Chart-IMG cannot serve is drawn locally', () => {
  it.concurrent('every account out of quota: the example step SUCCEEDS with five local charts and no Chart-IMG call', async () => {
    const { run, storageDir, step } = await runExample('fallback', ['--charts-api-mode', 'real'], {
      CHART_IMG_ACCOUNTS_JSON: SPENT_ACCOUNTS,
      CHART_RENDER_FALLBACK: 'local',
    });
    expect(run.code).toBe(0);
    await expectLocalCharts(run, storageDir, 5);
    expect(step?.outputs['usage']).toEqual({ calls: 0, succeeded: 0, failed: 0, replayed: 0, renderedLocally: 5, byAccount: {} });
    expect(events(run, 'chart_api.accounts_exhausted')).toHaveLength(1);
    const local = events(run, 'chart.local_render.finished').map((entry) => entry['localRender'] as Record<string, unknown>);
    expect(local.map((l) => [l['reason'], l['providerErrorCode'], l['outcome']])).toEqual(Array(5).fill(['fallback', 'CHART_API_LIMIT_EXCEEDED', 'succeeded']));
    expect(run.stderr).not.toContain(SECRET);
    expect(tripwire.connections()).toBe(0);
  });

  it.concurrent('off by default: the same run FAILS with CHART_API_LIMIT_EXCEEDED and draws nothing', async () => {
    const { run, step } = await runExample('no-fallback', ['--charts-api-mode', 'real'], { CHART_IMG_ACCOUNTS_JSON: SPENT_ACCOUNTS });
    expect(run.code).toBe(1);
    expect(lastJsonLine(run.stdout)).toMatchObject({ status: 'FAILED', itemsCount: 0, error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect(step?.outputs['usage']).toEqual({ calls: 0, succeeded: 0, failed: 0, replayed: 0, byAccount: {} });
    expect(events(run, 'chart.local_render.finished')).toEqual([]);
  });

  it.concurrent('refuses an unknown CHART_RENDER_FALLBACK in one line', async () => {
    const path = await writeTestFile(dir.path, 'bad-fallback.json', aFlowRun());
    const run = await spawnCli(['run-local', '--flow-run-path', path, '--storage-dir', join(dir.path, 'bad-fallback')], { CHART_RENDER_FALLBACK: 'chart-img' });
    expect({ code: run.code, stderr: run.stderr.trimEnd().split('\n'), stdout: run.stdout }).toEqual({
      code: 2,
      stderr: ['error: CHART_RENDER_FALLBACK "chart-img" is not one of off, local'],
      stdout: '',
    });
  });
});
