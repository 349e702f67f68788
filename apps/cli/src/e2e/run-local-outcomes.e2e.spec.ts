import { readFile, readdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { PNG } from 'pngjs';
import { parseGsUri, validateFlowRun } from '@worker-chart-export/domain';
import { SEED_TEMPLATE_IDS } from '@worker-chart-export/domain/testing';
import { compactUtc, readValidManifest } from './manifest-checks.js';
import { writeTestFile } from './flow-run-files.js';
import { lastJsonLine, REPO_ROOT, spawnCli, spawnShell, TempDirs } from '@worker-chart-export/testing';

// Each case spawns a real CLI process (a second or more of start-up); they run concurrently.
jest.setTimeout(120_000);

const EXAMPLE = 'fixtures/flow-runs/example-ready.json';
const EXAMPLE_RUN_ID = '20251215-102530_BTCUSDT_k3f7a';
const EXAMPLE_STEP_ID = 'charts:1h:all_templates';
const SECRET = 'sk-mock-mode-key-0123456789abcdef';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());
/** A fresh storage directory per case, so concurrent runs of one runId never share files. */
const storage = () => dirs.make('cli-run');

describe('run-local on the example flow_runs (mock mode, embedded default)', () => {
  it.concurrent('renders the example: exit 0, JSON summary last on stdout, PNGs and manifest exactly at their object paths', async () => {
    const out = await storage();
    const before = await readFile(join(REPO_ROOT, EXAMPLE), 'utf8');
    const run = await spawnCli(['run-local', '--flow-run-path', EXAMPLE, '--storage-dir', out, '--output-summary', 'json']);

    expect(run.code).toBe(0);
    expect(run.plainStderrLines).toEqual([]);
    const manifestUri = `gs://charts-local/charts/${EXAMPLE_RUN_ID}/${EXAMPLE_STEP_ID}/manifest.json`;
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(lastJsonLine(run.stdout)).toEqual({
      status: 'SUCCEEDED',
      runId: EXAMPLE_RUN_ID,
      stepId: EXAMPLE_STEP_ID,
      outputsManifestGcsUri: manifestUri,
      itemsCount: 5,
      failuresCount: 0,
      minImages: 3,
      chartsApiMode: 'mock',
    });

    const manifest = await readValidManifest(out, manifestUri);
    expect(manifest.items.map((item) => item.chartTemplateId).sort()).toEqual(SEED_TEMPLATE_IDS);
    expect(manifest.failures ?? []).toEqual([]);
    const stepDir = join(out, 'charts-local', 'charts', EXAMPLE_RUN_ID, EXAMPLE_STEP_ID);
    const expectedFiles = ['manifest.json'];
    for (const item of manifest.items) {
      const fileName = `${compactUtc(item.generatedAt)}_BTCUSDT_1h_${item.chartTemplateId}.png`;
      expect(item.png_gcs_uri).toBe(`gs://charts-local/charts/${EXAMPLE_RUN_ID}/${EXAMPLE_STEP_ID}/${fileName}`);
      const png = PNG.sync.read(await readFile(join(stepDir, fileName)));
      expect(png.width).toBeGreaterThan(0);
      expect(png.height).toBeGreaterThan(0);
      expectedFiles.push(fileName);
    }
    expect((await readdir(stepDir)).sort()).toEqual(expectedFiles.sort());
    expect(await readFile(join(REPO_ROOT, EXAMPLE), 'utf8')).toBe(before);
  });

  it.concurrent('reaches GCS_WRITE_FAILED and MANIFEST_WRITE_FAILED in mock mode when nothing can be stored: exit 1, nothing half-written', async () => {
    const dir = await storage();
    const notADirectory = await writeTestFile(dir, 'storage-is-a-file', 'not a directory');
    const run = await spawnCli(['run-local', '--flow-run-path', EXAMPLE, '--storage-dir', notADirectory, '--output-summary', 'json']);

    expect(run.code).toBe(1);
    expect(lastJsonLine(run.stdout)).toMatchObject({
      status: 'FAILED',
      outputsManifestGcsUri: null,
      itemsCount: 0,
      failuresCount: 5,
      error: { code: 'MANIFEST_WRITE_FAILED' },
    });
    const pngFailures = run.logEntries.filter((entry) => entry['event'] === 'request.failed');
    expect(pngFailures.map((entry) => (entry['error'] as { code: string }).code)).toEqual(Array(5).fill('GCS_WRITE_FAILED'));
    expect(await readFile(notADirectory, 'utf8')).toBe('not a directory');
  });

  it.concurrent('logs JSON lines on stderr in Cloud Logging shape, starting with the local start event', async () => {
    const run = await spawnCli(['run-local', '--flow-run-path', EXAMPLE, '--storage-dir', await storage()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.plainStderrLines).toEqual([]);
    for (const entry of run.logEntries) {
      expect(Object.keys(entry).slice(0, 6)).toEqual(['severity', 'message', 'time', 'service', 'env', 'event']);
      expect(entry).toMatchObject({ service: 'worker-chart-export', env: 'local' });
    }
    expect(run.logEntries[0]).toMatchObject({
      severity: 'INFO',
      event: 'cli.run_local.started',
      mode: 'local',
      chartsApi: { mode: 'mock' },
      flowRunPath: EXAMPLE,
      stepId: null,
      runId: EXAMPLE_RUN_ID,
    });
    const events = run.logEntries.map((entry) => entry['event']);
    expect(events).toEqual(expect.arrayContaining(['step.claimed', 'manifest.written', 'step.completed']));
    expect(run.logEntries.filter((entry) => entry['event'] === 'png.stored')).toHaveLength(5);
  });

  it.concurrent('prints a text summary with the local manifest and PNG paths and the public URL, never a configured key', async () => {
    const out = await storage();
    const accounts = await writeTestFile(out, 'accounts.json', [{ id: 'acc1', apiKey: SECRET }]);
    const run = await spawnCli(['run-local', '--flow-run-path', EXAMPLE, '--storage-dir', out, '--output-summary', 'text', '--accounts-config-path', accounts]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `CHART_EXPORT SUCCEEDED: manifest=gs://charts-local/charts/${EXAMPLE_RUN_ID}/${EXAMPLE_STEP_ID}/manifest.json, items=5, failures=0, minImages=3`,
    );
    const manifestPath = join(out, 'charts-local', 'charts', EXAMPLE_RUN_ID, EXAMPLE_STEP_ID, 'manifest.json');
    expect(lines).toContain(`  manifest: ${manifestPath}`);
    expect(lines).toContain(`  public:   https://storage.googleapis.com/charts-local/charts/${EXAMPLE_RUN_ID}/charts%3A1h%3Aall_templates/manifest.json`);
    const pngLines = lines.filter((line) => line.endsWith('.png')).map((line) => line.trim());
    expect(pngLines).toHaveLength(5);
    for (const path of pngLines) expect(PNG.sync.read(await readFile(path)).width).toBeGreaterThan(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  });

  it.concurrent('runs the step named by --step-id into the bucket given by CHARTS_BUCKET', async () => {
    const out = await storage();
    const run = await spawnCli(['run-local', '--flow-run-path', EXAMPLE, '--storage-dir', out, '--step-id', EXAMPLE_STEP_ID, '--output-summary', 'json'], {
      CHARTS_BUCKET: 'gs://other-bucket',
    });
    expect(run.code).toBe(0);
    const summary = lastJsonLine(run.stdout);
    expect(summary['outputsManifestGcsUri']).toBe(`gs://other-bucket/charts/${EXAMPLE_RUN_ID}/${EXAMPLE_STEP_ID}/manifest.json`);
    const manifest = await readValidManifest(out, summary['outputsManifestGcsUri'] as string);
    expect(manifest.items.every((item) => parseGsUri(item.png_gcs_uri)?.bucket === 'other-bucket')).toBe(true);
  });

  it.concurrent('writes the finalized flow_run back with --write-back, and a second run finds nothing READY', async () => {
    const out = await storage();
    const copy = join(out, 'flow-run.json');
    await copyFile(join(REPO_ROOT, EXAMPLE), copy);
    const first = await spawnCli(['run-local', '--flow-run-path', copy, '--storage-dir', out, '--write-back', '--output-summary', 'json']);
    expect(first.code).toBe(0);
    const written = validateFlowRun(JSON.parse(await readFile(copy, 'utf8')));
    if (!written.ok) throw new Error('the written-back flow_run is not schema-valid');
    expect(written.value.steps[EXAMPLE_STEP_ID]).toMatchObject({
      status: 'SUCCEEDED',
      finishedAt: expect.any(String),
      outputs: { outputsManifestGcsUri: `gs://charts-local/charts/${EXAMPLE_RUN_ID}/${EXAMPLE_STEP_ID}/manifest.json` },
    });

    const second = await spawnCli(['run-local', '--flow-run-path', copy, '--storage-dir', out, '--output-summary', 'json']);
    expect(second.code).toBe(3);
    expect(lastJsonLine(second.stdout)).toMatchObject({ status: 'NOOP', reason: 'no-ready-step', runId: EXAMPLE_RUN_ID });
  });

  it.concurrent.each([
    ['no-ready-step.json', 'no-ready-step', '20251215-102530_BTCUSDT_nrdy1'],
    ['dependencies-unmet.json', 'dependencies-unmet', '20251215-102530_BTCUSDT_deps1'],
  ])('exits 3 with a NOOP summary for %s', async (file, reason, runId) => {
    const out = await storage();
    const run = await spawnCli(['run-local', '--flow-run-path', `fixtures/flow-runs/${file}`, '--storage-dir', out, '--output-summary', 'json']);
    expect(run.code).toBe(3);
    expect(lastJsonLine(run.stdout)).toMatchObject({ status: 'NOOP', reason, runId, chartsApiMode: 'mock', message: expect.any(String) });
    expect(await readdir(out)).toEqual([]);
  });

  it.concurrent('exits 1 with CHART_API_MOCK_MISSING naming the missing fixture keys when no fixture exists', async () => {
    const out = await storage();
    const run = await spawnCli(['run-local', '--flow-run-path', 'fixtures/flow-runs/mock-missing.json', '--storage-dir', out, '--output-summary', 'json']);
    expect(run.code).toBe(1);
    const summary = lastJsonLine(run.stdout);
    expect(summary).toMatchObject({
      status: 'FAILED',
      itemsCount: 0,
      failuresCount: 2,
      minImages: 1,
      error: { code: 'CHART_API_MOCK_MISSING', message: '0 of 2 charts rendered, minImages=1' },
    });
    const manifest = await readValidManifest(out, summary['outputsManifestGcsUri'] as string);
    expect(manifest.failures?.map((failure) => [failure.error.code, (failure.error.details as Record<string, unknown> | undefined)?.['fixtureKey']])).toEqual([
      ['CHART_API_MOCK_MISSING', 'BINANCE_BTCUSDT__1d__ctpl_price_ma1226_vol_v1'],
      ['CHART_API_MOCK_MISSING', 'BINANCE_BTCUSDT__1d__ctpl_price_psar_adi_v1'],
    ]);
    const warnings = run.logEntries.filter((entry) => entry['severity'] === 'WARNING' && entry['event'] === 'request.failed');
    expect(warnings.map((entry) => entry['message'])).toEqual(
      expect.arrayContaining([expect.stringContaining('BINANCE_BTCUSDT__1d__ctpl_price_ma1226_vol_v1')]),
    );
  });

  it.concurrent('replays the error fixtures as failures: 429 Limit Exceeded and 500, still SUCCEEDED with minImages 0', async () => {
    const out = await storage();
    const run = await spawnCli(['run-local', '--flow-run-path', 'fixtures/flow-runs/error-fixtures.json', '--storage-dir', out, '--output-summary', 'json']);
    expect(run.code).toBe(0);
    const summary = lastJsonLine(run.stdout);
    expect(summary).toMatchObject({ status: 'SUCCEEDED', itemsCount: 0, failuresCount: 2, minImages: 0 });
    const manifest = await readValidManifest(out, summary['outputsManifestGcsUri'] as string);
    expect(manifest.failures?.map((failure) => [failure.request.chartTemplateId, failure.error.code])).toEqual([
      ['ctpl_price_ma1226_vol_v1', 'CHART_API_LIMIT_EXCEEDED'],
      ['ctpl_price_psar_adi_v1', 'CHART_API_FAILED'],
    ]);
  });

  it.concurrent('exits 1 when minImages cannot be reached, the missing template failing with VALIDATION_FAILED', async () => {
    const out = await storage();
    const run = await spawnCli([
      'run-local',
      '--flow-run-path',
      'fixtures/flow-runs/min-images-unreachable.json',
      '--storage-dir',
      out,
      '--output-summary',
      'json',
    ]);
    expect(run.code).toBe(1);
    const summary = lastJsonLine(run.stdout);
    expect(summary).toMatchObject({ status: 'FAILED', itemsCount: 4, failuresCount: 1, minImages: 5, error: { code: 'VALIDATION_FAILED' } });
    const manifest = await readValidManifest(out, summary['outputsManifestGcsUri'] as string);
    expect(manifest.failures?.[0]).toMatchObject({ request: { chartTemplateId: 'ctpl_missing_v1' }, error: { code: 'VALIDATION_FAILED' } });
  });

  it.concurrent('keeps the JSON summary as the last stdout line through `npm run --silent cli ... | tail -1`, with debug logging', async () => {
    const out = await storage();
    const piped = await spawnShell(`npm run --silent cli -- run-local --flow-run-path ${EXAMPLE} --storage-dir '${out}' --output-summary json | tail -1`, {
      LOG_LEVEL: 'debug',
    });
    expect(piped.code).toBe(0);
    expect(lastJsonLine(piped.stdout)).toMatchObject({ status: 'SUCCEEDED', runId: EXAMPLE_RUN_ID, itemsCount: 5 });
  });
});
