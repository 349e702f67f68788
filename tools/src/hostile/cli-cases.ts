import type { CliCase } from './hostile-case.js';

const KEY = 'sk-hostile-CLI0-0123456789abcdef';
const RUN = ['run-local', '--flow-run-path', '{flowRun}'] as const;

/** `run-local` flags and files: every case must exit 2 with one clear stderr line and no stack trace. */
export const CLI_CASES: readonly CliCase[] = [
  {
    id: 'cli-bad-mode',
    area: 'cli',
    description: '--charts-api-mode fake',
    input: { args: [...RUN, '--charts-api-mode', 'fake'] },
    expect: { exitCode: 2, mentions: ['--charts-api-mode', 'fake'] },
  },
  {
    id: 'cli-bad-mode-env',
    area: 'cli',
    description: 'CHARTS_API_MODE=REAL (wrong case) in the environment',
    input: { args: [...RUN], env: { CHARTS_API_MODE: 'REAL' } },
    expect: { exitCode: 2, mentions: ['CHARTS_API_MODE', 'REAL'] },
  },
  {
    id: 'cli-bad-bucket',
    area: 'cli',
    description: '--charts-bucket gs://A_B (uppercase, not a bucket name)',
    input: { args: [...RUN, '--charts-bucket', 'gs://A_B'] },
    expect: { exitCode: 2, mentions: ['--charts-bucket', 'A_B'] },
  },
  {
    id: 'cli-missing-flow-run-flag',
    area: 'cli',
    description: 'run-local without --flow-run-path',
    input: { args: ['run-local'] },
    expect: { exitCode: 2, mentions: ['--flow-run-path'] },
  },
  {
    id: 'cli-flow-run-absent',
    area: 'cli',
    description: '--flow-run-path naming no file',
    input: { args: ['run-local', '--flow-run-path', 'no/such/flow-run.json'] },
    expect: { exitCode: 2, mentions: ['no/such/flow-run.json'] },
  },
  {
    id: 'cli-flow-run-directory',
    area: 'cli',
    description: '--flow-run-path naming a directory',
    input: { args: ['run-local', '--flow-run-path', 'fixtures'] },
    expect: { exitCode: 2, mentions: ['fixtures'] },
  },
  {
    id: 'cli-unknown-flag',
    area: 'cli',
    description: 'a misspelt flag (--flow-run-pth) that commander has a suggestion for',
    input: { args: ['run-local', '--flow-run-pth', 'x.json'] },
    expect: { exitCode: 2, mentions: ['--flow-run-pth'] },
  },
  {
    id: 'cli-unknown-command',
    area: 'cli',
    description: 'an unknown command run-remote',
    input: { args: ['run-remote'] },
    expect: { exitCode: 2, mentions: ['run-remote'] },
  },
  {
    id: 'cli-summary-xml',
    area: 'cli',
    description: '--output-summary xml',
    input: { args: [...RUN, '--output-summary', 'xml'] },
    expect: { exitCode: 2, mentions: ['--output-summary', 'xml'] },
  },
  {
    id: 'cli-flow-run-not-json',
    area: 'cli',
    description: 'a flow_run file that is not JSON',
    input: { args: [...RUN], flowRunFile: '{"runId": "20251215-102530_BTCUSDT_k3f7a", "steps": {' },
    expect: { exitCode: 2, mentions: ['JSON'] },
  },
  {
    id: 'cli-flow-run-steps-array',
    area: 'cli',
    description: 'a flow_run whose steps is an array',
    input: { args: [...RUN], flowRunFile: '{"runId": "20251215-102530_BTCUSDT_k3f7a", "steps": []}' },
    expect: { exitCode: 2, mentions: ['steps'] },
  },
  {
    id: 'cli-real-without-accounts',
    area: 'cli',
    description: '--charts-api-mode real with no accounts anywhere',
    input: { args: [...RUN, '--charts-api-mode', 'real'] },
    expect: { exitCode: 2, mentions: ['accounts'] },
  },
  {
    id: 'cli-accounts-not-json',
    area: 'cli',
    description: 'an accounts file of truncated JSON that holds a key',
    input: { args: [...RUN, '--accounts-config-path', '{accounts}'], accountsFile: `[{"id": "acc-1", "apiKey": "${KEY}"` },
    expect: { exitCode: 2, mentions: ['--accounts-config-path', 'not valid JSON'], secrets: [KEY] },
  },
  {
    id: 'cli-accounts-env-duplicates',
    area: 'cli',
    description: 'CHART_IMG_ACCOUNTS_JSON with a duplicate id, in real mode',
    input: {
      args: [...RUN, '--charts-api-mode', 'real'],
      env: { CHART_IMG_ACCOUNTS_JSON: JSON.stringify([{ id: 'a', apiKey: KEY }, { id: 'a', apiKey: `${KEY}-2` }]) },
    },
    expect: { exitCode: 2, mentions: ['CHART_IMG_ACCOUNTS_JSON', 'already used'], secrets: [KEY] },
  },
  {
    id: 'cli-step-id-missing',
    area: 'cli',
    description: '--step-id ../../x names no step',
    input: { args: [...RUN, '--step-id', '../../x'] },
    expect: { exitCode: 2, mentions: ['--step-id', '../../x'], logLinesAllowed: true },
  },
];
