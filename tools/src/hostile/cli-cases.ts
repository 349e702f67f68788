import { aChartExportStep, aFlowRun } from '@worker-chart-export/domain/testing';
import { KEY_ECHO_FORMS, type KeyEchoForm } from '../fake-chart-img/echo-key.js';
import { nestedJsonArrays } from './deep-nesting.js';
import type { CliCase } from './hostile-case.js';

const KEY = 'sk-hostile-CLI0-0123456789abcdef';
const RUN = ['run-local', '--flow-run-path', '{flowRun}'] as const;
const SUMMARY = ['--output-summary', 'json'] as const;
const READY_RUN = aFlowRun();
const LONG_RUN_ID = `20251215-102530_${'B'.repeat(9_978)}_k3f7a`;
/** Mixed case, a slash, a space and a plus, so every escape (`\u` in both hex cases, `\/`, `%XX`, `+`) has work to do. */
const ECHO_KEY = 'Hq7/Hostile Echo-K3y_9xZ+w';
const REAL_PROJECT = ['--project', 'some-real-project'] as const;
/** What a real project's operator command must be given rather than defaulted. */
const REAL_PROJECT_FLAGS = ['--charts-api-mode', '--charts-bucket', '--storage'];

/**
 * `run-local` in real mode against a provider whose 403 body echoes the key in `form`, labelled `contentType`:
 * the step fails, and the key is in no form in the manifest, the written-back flow_run, stdout or stderr.
 */
function keyEchoCase(form: KeyEchoForm, contentType: string, id: string): CliCase {
  return {
    id,
    area: 'cli',
    description: `real mode; the provider's 403 body, labelled ${contentType}, echoes the key ${form}`,
    input: {
      args: [...RUN, '--charts-api-mode', 'real', '--accounts-config-path', '{accounts}', ...SUMMARY, '--write-back'],
      flowRunFile: JSON.stringify(READY_RUN),
      accountsFile: JSON.stringify([{ id: 'acc-echo', apiKey: ECHO_KEY, plan: 'PRO' }]),
      keyEchoProvider: { apiKey: ECHO_KEY, form, contentType },
    },
    expect: { exitCode: 1, mentions: ['Invalid API key [redacted]'], summary: { status: 'FAILED', code: 'CHART_API_FAILED' }, secrets: [ECHO_KEY] },
  };
}

/**
 * CLI flags and files: a usage error exits 2 with one clear stderr line and no stack trace; a run that reaches
 * the step is judged by its JSON summary.
 */
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
    id: 'cli-flow-run-deep',
    area: 'cli',
    description: 'a READY flow_run whose scope nests arrays 10,000 deep',
    input: { args: [...RUN], flowRunFile: JSON.stringify(READY_RUN).replace('"scope":{', `"scope":{"extra":${nestedJsonArrays(10_000)},`) },
    expect: { exitCode: 2, mentions: ['levels deep'] },
  },
  {
    id: 'cli-flow-run-too-large',
    area: 'cli',
    description: 'a READY flow_run file of 2 MiB (a padded scope)',
    input: { args: [...RUN], flowRunFile: JSON.stringify({ ...READY_RUN, scope: { symbol: 'BTCUSDT', pad: 'x'.repeat(2 * 1024 * 1024) } }) },
    expect: { exitCode: 2, mentions: ['larger than 1048576 bytes'] },
  },
  {
    id: 'cli-run-id-10k',
    area: 'cli',
    description: 'a READY flow_run whose pattern-valid runId has 10,000 characters',
    input: { args: [...RUN, ...SUMMARY], flowRunFile: JSON.stringify({ ...READY_RUN, runId: LONG_RUN_ID }) },
    expect: { exitCode: 1, mentions: ['runId', 'at most 200'], summary: { status: 'FAILED', code: 'VALIDATION_FAILED' }, nothingWritten: true },
  },
  {
    id: 'cli-object-name-over-1024',
    area: 'cli',
    description: 'stepId and chartTemplateId of 200 non-ASCII characters each: a PNG name over 1024 bytes',
    input: {
      args: [...RUN, ...SUMMARY],
      flowRunFile: JSON.stringify(aFlowRun({ ['図'.repeat(200)]: aChartExportStep({}, { minImages: 1, requests: [{ chartTemplateId: 'ж'.repeat(200) }] }) })),
    },
    expect: { exitCode: 1, mentions: ['chartTemplateId', '1024'], summary: { status: 'FAILED', code: 'VALIDATION_FAILED' }, nothingWritten: true },
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
      env: {
        CHART_IMG_ACCOUNTS_JSON: JSON.stringify([
          { id: 'a', apiKey: KEY },
          { id: 'a', apiKey: `${KEY}-2` },
        ]),
      },
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
  {
    id: 'cli-sweep-real-project-defaults',
    area: 'cli',
    description: 'sweep against a real project (no emulator) with no mode, bucket or storage given',
    input: { args: ['sweep', ...REAL_PROJECT] },
    expect: { exitCode: 2, mentions: REAL_PROJECT_FLAGS, nothingWritten: true, noNetwork: true },
  },
  {
    id: 'cli-run-local-firestore-real-project-defaults',
    area: 'cli',
    description: "run-local of a real project's Firestore flow_run with no mode, bucket or storage given",
    input: { args: ['run-local', '--flow-run-source', 'firestore', '--run-id', '20251215-102530_BTCUSDT_k3f7a', ...REAL_PROJECT] },
    expect: { exitCode: 2, mentions: REAL_PROJECT_FLAGS, nothingWritten: true, noNetwork: true },
  },
  {
    id: 'cli-sweep-real-project-mock',
    area: 'cli',
    description: 'sweep against a real project in mock mode, without --allow-test-outputs',
    input: { args: ['sweep', ...REAL_PROJECT, '--charts-api-mode', 'mock', '--charts-bucket', 'gs://prod-charts', '--storage', 'gcs'] },
    expect: { exitCode: 2, mentions: ['mock', '--allow-test-outputs'], nothingWritten: true, noNetwork: true },
  },
  {
    id: 'cli-storage-gcs-no-bucket',
    area: 'cli',
    description: 'run-local --storage gcs against real Cloud Storage (no STORAGE_EMULATOR_HOST) with the default bucket',
    input: { args: [...RUN, '--storage', 'gcs'] },
    expect: { exitCode: 2, mentions: ['--storage gcs', '--charts-bucket'], nothingWritten: true, noNetwork: true },
  },
  ...KEY_ECHO_FORMS.map((form) => keyEchoCase(form, 'application/json', `cli-key-echo-${form}`)),
  keyEchoCase('json-unicode-lower', 'image/png', 'cli-key-echo-as-png'),
];
