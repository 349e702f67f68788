import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OHLCV_STEP_ID, aFlowRun, writeTestFile } from './flow-run-files.js';
import { spawnCli, tempDir, type CliRun } from './spawn-cli.js';

const SECRET = 'sk-test-never-print-0123456789';

let dir: { path: string; cleanup: () => Promise<void> };
let storageDir: string;
let validFlowRun: string;

beforeAll(async () => {
  dir = await tempDir('cli-usage');
  storageDir = `${dir.path}/out`;
  validFlowRun = await writeTestFile(dir.path, 'valid.json', aFlowRun());
});
afterAll(async () => dir.cleanup());

function runLocal(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli(['run-local', '--storage-dir', storageDir, ...args], env);
}

/** Exit 2 with exactly one stderr line, which names the problem, and nothing on stdout. */
function expectUsageError(run: CliRun, pattern: RegExp): void {
  expect({ code: run.code, stderr: run.stderr.trimEnd().split('\n') }).toEqual({ code: 2, stderr: [expect.stringMatching(pattern)] });
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('run-local usage and configuration errors (exit 2, one stderr line)', () => {
  it('rejects a missing --flow-run-path', async () => {
    expectUsageError(await spawnCli(['run-local']), /--flow-run-path/);
  });

  it('rejects a flow_run file that does not exist, naming it', async () => {
    expectUsageError(await runLocal(['--flow-run-path', `${dir.path}/nope.json`]), /nope\.json.*does not exist/);
  });

  it('rejects a flow_run file that is not JSON', async () => {
    const path = await writeTestFile(dir.path, 'not-json.json', '{ "runId": ');
    expectUsageError(await runLocal(['--flow-run-path', path]), /not-json\.json is not valid JSON/);
  });

  it('rejects a flow_run whose steps is not an object', async () => {
    const path = await writeTestFile(dir.path, 'steps-array.json', { ...aFlowRun(), steps: [] });
    expectUsageError(await runLocal(['--flow-run-path', path]), /steps-array\.json.*"steps" is an object/);
  });

  it('rejects a flow_run without a runId', async () => {
    const { runId: _drop, ...rest } = aFlowRun();
    const path = await writeTestFile(dir.path, 'no-run-id.json', rest);
    expectUsageError(await runLocal(['--flow-run-path', path]), /no-run-id\.json has no string "runId"/);
  });

  it('rejects an unknown --charts-api-mode', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'fake']), /--charts-api-mode "fake" is not one of real, mock, record/);
  });

  it('rejects an unknown CHARTS_API_MODE', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun], { CHARTS_API_MODE: 'live' }), /CHARTS_API_MODE "live"/);
  });

  it('rejects a bucket that is not gs://<bucket>', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--charts-bucket', 'charts-local']), /--charts-bucket: .*gs:\/\/<bucket>/);
  });

  it('rejects an unknown --output-summary', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--output-summary', 'xml']), /--output-summary "xml"/);
  });

  it('rejects a bad accounts file naming the entry, never printing the key', async () => {
    const path = await writeTestFile(dir.path, 'accounts.json', [
      { id: 'acc1', apiKey: SECRET },
      { id: 'acc2', apiKey: SECRET, plan: 'PLATINUM' },
    ]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--accounts-config-path', path]);
    expectUsageError(run, /accounts\.json: accounts\[1\] \(id "acc2"\).*plan/);
    expect(run.stderr).not.toContain(SECRET);
  });

  it('rejects an accounts file that cannot be read', async () => {
    expectUsageError(
      await runLocal(['--flow-run-path', validFlowRun, '--accounts-config-path', `${dir.path}/missing-accounts.json`]),
      /missing-accounts\.json: cannot read the file \(ENOENT\)/,
    );
  });

  it('rejects real mode without any accounts', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'real']), /needs Chart-IMG accounts/);
  });

  it('rejects record mode when ENV=prod', async () => {
    const path = await writeTestFile(dir.path, 'ok-accounts.json', [{ id: 'acc1', apiKey: SECRET }]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'record', '--accounts-config-path', path], { ENV: 'prod' });
    expectUsageError(run, /record is refused when ENV=prod/);
  });

  it('rejects a CHART_IMG_BASE_URL that is not http(s) in real mode', async () => {
    const path = await writeTestFile(dir.path, 'ok-accounts-2.json', [{ id: 'acc1', apiKey: SECRET }]);
    const run = await runLocal(['--flow-run-path', validFlowRun, '--charts-api-mode', 'real', '--accounts-config-path', path], {
      CHART_IMG_BASE_URL: 'ftp://127.0.0.1',
    });
    expectUsageError(run, /CHART_IMG_BASE_URL "ftp:\/\/127\.0\.0\.1"/);
  });

  it('rejects an unknown flag', async () => {
    expectUsageError(await runLocal(['--flow-run-path', validFlowRun, '--no-such-flag']), /unknown option '--no-such-flag'/);
  });

  describe('a --step-id the flow_run cannot run (logs on stderr, then one plain line)', () => {
    it('exits 2 for a step that does not exist, naming it', async () => {
      const run = await runLocal(['--flow-run-path', validFlowRun, '--step-id', 'charts:nope', '--output-summary', 'json']);
      expect(run.code).toBe(2);
      expect(run.plainStderrLines).toEqual([expect.stringMatching(/^error: --step-id "charts:nope": .*charts:nope/)]);
      expect(run.stdout).toBe('');
    });

    it('exits 2 for a step that is not a CHART_EXPORT step', async () => {
      const run = await runLocal(['--flow-run-path', validFlowRun, '--step-id', OHLCV_STEP_ID, '--output-summary', 'json']);
      expect(run.code).toBe(2);
      expect(run.plainStderrLines).toEqual([expect.stringMatching(/^error: --step-id "ohlcv_export:1h": .*(OHLCV_EXPORT|CHART_EXPORT)/)]);
    });
  });

  it('shows help with examples and exits 0', async () => {
    const run = await spawnCli(['run-local', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--flow-run-path <path>');
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit codes: 0 SUCCEEDED, 1 FAILED, 3 NOOP');
  });
});
