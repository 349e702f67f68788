import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { capturedIo } from './captured-io.js';
import { runCli } from './program.js';

/** Runs the CLI in-process (no Firestore is reached: every case stops at configuration). */
async function run(args: string[], env: Record<string, string> = {}) {
  const captured = capturedIo(env);
  const code = await runCli(['node', 'worker-chart-export', ...args], captured.io);
  return { code, stdout: captured.stdout(), stderrLines: captured.stderrLines() };
}

describe('the Firestore commands on bad usage: exit 2 with one stderr line, nothing on stdout', () => {
  it.each([
    [['templates', 'sync'], {}, /^error: templates sync needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT$/],
    [['templates', 'sync', '--output', 'xml', '--project', 'demo-p'], {}, /^error: --output "xml" is not one of text, json$/],
    [
      ['templates', 'sync', '--templates-dir', '/nonexistent/templates', '--project', 'demo-p'],
      {},
      /^error: --templates-dir \/nonexistent\/templates: cannot read the directory \(ENOENT\)$/,
    ],
    [['accounts', 'status', '--project', 'demo-p'], {}, /^error: accounts status needs the Chart-IMG accounts/],
    [['accounts', 'status'], { CHART_IMG_ACCOUNTS_JSON: '[]' }, /^error: accounts status needs a Google Cloud project/],
    [['sweep'], {}, /^error: sweep needs a Google Cloud project/],
    [['sweep', '--max-attempts', 'many'], { GOOGLE_CLOUD_PROJECT: 'demo-p' }, /^error: --max-attempts "many" must be a whole number/],
    [['sweep', '--storage', 's3'], { GOOGLE_CLOUD_PROJECT: 'demo-p' }, /^error: --storage "s3" is not one of local, gcs$/],
    [
      ['sweep', '--project', 'prod-p1'],
      {},
      /^error: sweep finalizes steps of the real Firestore project .* so it takes no test defaults: give --charts-api-mode/,
    ],
    [['run-local', '--flow-run-path', 'run.json', '--storage', 'disk'], {}, /^error: --storage "disk" is not one of local, gcs$/],
    [['run-local', '--flow-run-source', 'firestore', '--run-id', 'r1'], {}, /^error: --flow-run-source firestore needs a Google Cloud project/],
    [['run-local', '--run-id', 'r1'], {}, /^error: --run-id applies to --flow-run-source firestore/],
    [['templates', 'sync', '--no-such-flag'], {}, /^error: unknown option '--no-such-flag'$/],
    [['events', 'deliver', '--run-id', 'r1'], {}, /^error: required option '--worker-url <url>' not specified/],
    [
      ['events', 'deliver', '--worker-url', 'file:///etc/passwd', '--run-id', 'r1'],
      {},
      /^error: --worker-url "file:\/\/\/etc\/passwd" is not an http:\/\/ or https:\/\/ URL$/,
    ],
    [['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080'], {}, /^error: events deliver needs the flow_run: --flow-run-path FILE, or --run-id ID/],
    [
      ['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080', '--run-id', 'r1', '--flow-run-path', 'run.json'],
      {},
      /^error: give either --flow-run-path FILE or --run-id ID, not both$/,
    ],
    [
      ['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080', '--run-id', 'r1'],
      {},
      /^error: events deliver needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT$/,
    ],
    [
      ['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080', '--run-id', 'a/b', '--project', 'demo-p'],
      {},
      /^error: --run-id "a\/b" cannot name a flow_runs document$/,
    ],
    [
      ['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080', '--run-id', 'r1', '--project', 'demo-p', '--timeout-ms', '0'],
      {},
      /^error: --timeout-ms "0" must be a whole number from 1 to 3600000$/,
    ],
    [
      ['events', 'deliver', '--worker-url', 'http://127.0.0.1:8080', '--flow-run-path', '/nonexistent/run.json', '--project', 'demo-p'],
      {},
      /^error: flow_run file \/nonexistent\/run.json does not exist$/,
    ],
  ])('%j', async (args, env, pattern) => {
    const result = await run(args, env);
    expect(result).toEqual({ code: 2, stdout: '', stderrLines: [expect.stringMatching(pattern)] });
  });
});

describe('help of the Firestore commands', () => {
  it.each([
    [
      ['templates', 'sync', '--help'],
      ['--templates-dir <dir>', '--dry-run', '--prune', '--output <format>', '--project <id>', 'Examples:', 'Exit codes:'],
    ],
    [
      ['accounts', 'status', '--help'],
      ['--accounts-config-path <file>', '--json', '--project <id>', 'Columns:', 'Exit codes:'],
    ],
    [
      ['events', 'deliver', '--help'],
      ['--worker-url <url>', '--flow-run-path <path>', '--run-id <id>', '--project <id>', '--event-id <id>', 'WORKER_ID_TOKEN', 'Examples:', 'Exit codes:'],
    ],
    [
      ['sweep', '--help'],
      ['--max-attempts <n>', '--charts-api-mode <mode>', '--storage <kind>', '--allow-test-outputs', '--templates-source <source>', 'Examples:', 'Exit codes:'],
    ],
    [
      ['run-local', '--help'],
      [
        '--flow-run-source <source>',
        '--run-id <id>',
        '--templates-source <source>',
        '--account-usage <store>',
        '--storage <kind>',
        '--allow-test-outputs',
        'FIRESTORE_EMULATOR_HOST',
        'STORAGE_EMULATOR_HOST',
      ],
    ],
  ])('%j shows the flags and examples and exits 0', async (args, expected) => {
    const result = await run(args);
    expect(result.code).toBe(0);
    for (const text of expected) expect(result.stdout).toContain(text);
  });
});
