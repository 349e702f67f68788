import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { OHLCV_STEP_ID, aFlowRun, writeTestFile } from './flow-run-files.js';
import { type CliRun, spawnCli, tempDir } from '@worker-chart-export/testing';

// Each case spawns a real CLI process (a second or more of start-up); they run concurrently.
jest.setTimeout(120_000);

const SECRET = 'sk-test-never-print-0123456789';

// Set up without hooks: concurrent tests may start before a beforeAll has finished.
const setup = (async () => {
  const dir = await tempDir('cli-usage');
  return { dir: dir.path, cleanup: dir.cleanup, validFlowRun: await writeTestFile(dir.path, 'valid.json', aFlowRun()) };
})();
afterAll(async () => (await setup).cleanup());

async function runLocal(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { dir } = await setup;
  return spawnCli(['run-local', '--storage-dir', `${dir}/out`, ...args], env);
}

/** Exit 2 with exactly one stderr line, which names the problem, and nothing on stdout. */
function expectUsageError(run: CliRun, pattern: RegExp): void {
  expect({ code: run.code, stderr: run.stderr.trimEnd().split('\n') }).toEqual({ code: 2, stderr: [expect.stringMatching(pattern)] });
  expect(run.stdout).toBe('');
}

describe('run-local usage and configuration errors: exit 2 and one stderr line', () => {
  it.concurrent('rejects a missing --flow-run-path', async () => {
    expectUsageError(await spawnCli(['run-local']), /required option '--flow-run-path <path>'/);
  });

  it.concurrent('rejects a flow_run file that does not exist, naming it', async () => {
    const { dir } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', `${dir}/nope.json`]), /^error: flow_run file .*nope\.json does not exist$/);
  });

  it.concurrent('rejects a flow_run file that is not JSON', async () => {
    const { dir } = await setup;
    const path = await writeTestFile(dir, 'not-json.json', '{ "runId": ');
    expectUsageError(await runLocal(['--flow-run-path', path]), /^error: flow_run file .*not-json\.json is not valid JSON/);
  });

  it.concurrent('rejects a flow_run whose steps is not an object', async () => {
    const { dir } = await setup;
    const path = await writeTestFile(dir, 'steps-array.json', { ...aFlowRun(), steps: [] });
    expectUsageError(await runLocal(['--flow-run-path', path]), /steps-array\.json is not a JSON object whose "steps" is an object/);
  });

  it.concurrent('rejects a flow_run that is a JSON array', async () => {
    const { dir } = await setup;
    const path = await writeTestFile(dir, 'array.json', [aFlowRun()]);
    expectUsageError(await runLocal(['--flow-run-path', path]), /array\.json is not a JSON object/);
  });

  it.concurrent('rejects a flow_run without a runId', async () => {
    const { dir } = await setup;
    const { runId: _drop, ...rest } = aFlowRun();
    const path = await writeTestFile(dir, 'no-run-id.json', rest);
    expectUsageError(await runLocal(['--flow-run-path', path]), /no-run-id\.json has no string "runId"/);
  });

  it.concurrent('rejects an unknown --charts-api-mode', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(
      await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'fake']),
      /^error: --charts-api-mode "fake" is not one of real, mock, record, local$/,
    );
  });

  it.concurrent('rejects an unknown CHARTS_API_MODE', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun], { CHARTS_API_MODE: 'live' }), /CHARTS_API_MODE "live"/);
  });

  it.concurrent('rejects a --charts-bucket that is not gs://<bucket>', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--charts-bucket', 'charts-local']), /--charts-bucket: .*gs:\/\/<bucket>/);
  });

  it.concurrent('rejects a CHARTS_BUCKET with an invalid bucket name', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun], { CHARTS_BUCKET: 'gs://Bad_Bucket' }), /^error: CHARTS_BUCKET: .*Bad_Bucket/);
  });

  it.concurrent('rejects an unknown --output-summary', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--output-summary', 'xml']), /--output-summary "xml"/);
  });

  it.concurrent('rejects a bad accounts file naming the entry, never printing the key', async () => {
    const { dir, validFlowRun } = await setup;
    const path = await writeTestFile(dir, 'accounts.json', [
      { id: 'acc1', apiKey: SECRET },
      { id: 'acc2', apiKey: SECRET, plan: 'PLATINUM' },
    ]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--accounts-config-path', path]);
    expectUsageError(run, /accounts\.json: accounts\[1\] \(id "acc2"\).*plan/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it.concurrent('rejects an accounts file that is not JSON without echoing it', async () => {
    const { dir, validFlowRun } = await setup;
    const path = await writeTestFile(dir, 'accounts-broken.json', `[{"id":"acc1","apiKey":"${SECRET}"`);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--accounts-config-path', path]);
    expectUsageError(run, /accounts-broken\.json: accounts config is not valid JSON/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it.concurrent('rejects an accounts file that cannot be read', async () => {
    const { dir, validFlowRun } = await setup;
    expectUsageError(
      await runLocal(['--flow-run-path', validFlowRun, '--accounts-config-path', `${dir}/missing-accounts.json`]),
      /missing-accounts\.json: cannot read the file \(ENOENT\)/,
    );
  });

  it.concurrent('rejects real mode without any accounts', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'real']), /needs Chart-IMG accounts/);
  });

  it.concurrent('rejects record mode when ENV=prod', async () => {
    const { dir, validFlowRun } = await setup;
    const path = await writeTestFile(dir, 'ok-accounts.json', [{ id: 'acc1', apiKey: SECRET }]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'record', '--accounts-config-path', path], { ENV: 'prod' });
    expectUsageError(run, /record is refused when ENV=prod/);
  });

  it.concurrent('rejects a CHART_IMG_BASE_URL that is not http(s) in real mode', async () => {
    const { dir, validFlowRun } = await setup;
    const path = await writeTestFile(dir, 'ok-accounts-2.json', [{ id: 'acc1', apiKey: SECRET }]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'real', '--accounts-config-path', path], {
      CHART_IMG_BASE_URL: 'ftp://127.0.0.1',
    });
    expectUsageError(run, /CHART_IMG_BASE_URL "ftp:\/\/127\.0\.0\.1"/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it.concurrent('rejects an unknown flag', async () => {
    const { validFlowRun } = await setup;
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--no-such-flag']), /unknown option '--no-such-flag'/);
  });

  it.concurrent('exits 2 for a --step-id that does not exist, naming it after the logs', async () => {
    const { validFlowRun } = await setup;
    const run = await runLocal(['--flow-run-path', validFlowRun, '--step-id', 'charts:nope', '--output-summary', 'json']);
    expect(run.code).toBe(2);
    expect(run.plainStderrLines).toEqual([expect.stringMatching(/^error: --step-id "charts:nope": .*"charts:nope" does not exist/)]);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(run.plainStderrLines[0]);
    expect(run.stdout).toBe('');
  });

  it.concurrent('exits 2 for a --step-id naming a step that is not CHART_EXPORT', async () => {
    const { validFlowRun } = await setup;
    const run = await runLocal(['--flow-run-path', validFlowRun, '--step-id', OHLCV_STEP_ID, '--output-summary', 'json']);
    expect(run.code).toBe(2);
    expect(run.plainStderrLines).toEqual([expect.stringMatching(/^error: --step-id "ohlcv_export:1h": .*"OHLCV_EXPORT" step, not CHART_EXPORT/)]);
    expect(run.stdout).toBe('');
  });

  it.concurrent('shows help with the flags, examples and exit codes, and exits 0', async () => {
    const run = await spawnCli(['run-local', '--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--flow-run-path <path>',
      '--step-id <id>',
      '--charts-api-mode <mode>',
      '--charts-bucket <gs-uri>',
      '--accounts-config-path <file>',
      '--output-summary <format>',
      '--templates-dir <dir>',
      '--fixtures-dir <dir>',
      '--storage-dir <dir>',
      '--write-back',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit codes: 0 SUCCEEDED, 1 FAILED, 3 NOOP');
  });
});
