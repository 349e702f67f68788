import { aChartExportStep, aFlowRun } from '@worker-chart-export/domain/testing';
import { KEY_ECHO_FORMS, type KeyEchoForm } from '../fake-chart-img/echo-key.js';
import { nestedJsonArrays } from './deep-nesting.js';
import { caseBuilder, type CliCase, type CliExpect, type CliInput } from './hostile-case.js';

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

const cliCase = caseBuilder<CliCase>('cli');
/** A usage error: exit 2 with one stderr line naming each of `mentions`. */
const usageError = (id: string, description: string, input: CliInput, mentions: readonly string[], more: Omit<CliExpect, 'exitCode' | 'mentions'> = {}) =>
  cliCase(id, description, input, { exitCode: 2, mentions, ...more });
/** A usage error found before any client is made: nothing is written and no connection opened. */
const refusedBeforeIo = (id: string, description: string, args: readonly string[], mentions: readonly string[]) =>
  usageError(id, description, { args }, mentions, { nothingWritten: true, noNetwork: true });
/** `run-local` of `flowRunFile` reaches the step, which fails validation (nothing written) naming each of `mentions`. */
const stepRefused = (id: string, description: string, flowRunFile: string, mentions: readonly string[]) =>
  cliCase(
    id,
    description,
    { args: [...RUN, ...SUMMARY], flowRunFile },
    { exitCode: 1, mentions, summary: { status: 'FAILED', code: 'VALIDATION_FAILED' }, nothingWritten: true },
  );

/**
 * `run-local` in real mode against a provider whose 403 body echoes the key in `form`, labelled `contentType`:
 * the step fails, and the key is in no form in the manifest, the written-back flow_run, stdout or stderr.
 */
const keyEchoCase = (form: KeyEchoForm, contentType: string, id: string): CliCase =>
  cliCase(
    id,
    `real mode; the provider's 403 body, labelled ${contentType}, echoes the key ${form}`,
    {
      args: [...RUN, '--charts-api-mode', 'real', '--accounts-config-path', '{accounts}', ...SUMMARY, '--write-back'],
      flowRunFile: JSON.stringify(READY_RUN),
      accountsFile: JSON.stringify([{ id: 'acc-echo', apiKey: ECHO_KEY, plan: 'PRO' }]),
      keyEchoProvider: { apiKey: ECHO_KEY, form, contentType },
    },
    { exitCode: 1, mentions: ['Invalid API key [redacted]'], summary: { status: 'FAILED', code: 'CHART_API_FAILED' }, secrets: [ECHO_KEY] },
  );

/**
 * CLI flags and files: a usage error exits 2 with one clear stderr line and no stack trace; a run that reaches
 * the step is judged by its JSON summary.
 */
export const CLI_CASES: readonly CliCase[] = [
  usageError('cli-bad-mode', '--charts-api-mode fake', { args: [...RUN, '--charts-api-mode', 'fake'] }, ['--charts-api-mode', 'fake']),
  usageError('cli-bad-mode-env', 'CHARTS_API_MODE=REAL (wrong case) in the environment', { args: [...RUN], env: { CHARTS_API_MODE: 'REAL' } }, [
    'CHARTS_API_MODE',
    'REAL',
  ]),
  usageError('cli-bad-bucket', '--charts-bucket gs://A_B (uppercase, not a bucket name)', { args: [...RUN, '--charts-bucket', 'gs://A_B'] }, [
    '--charts-bucket',
    'A_B',
  ]),
  usageError('cli-missing-flow-run-flag', 'run-local without --flow-run-path', { args: ['run-local'] }, ['--flow-run-path']),
  usageError('cli-flow-run-absent', '--flow-run-path naming no file', { args: ['run-local', '--flow-run-path', 'no/such/flow-run.json'] }, [
    'no/such/flow-run.json',
  ]),
  usageError('cli-flow-run-directory', '--flow-run-path naming a directory', { args: ['run-local', '--flow-run-path', 'fixtures'] }, ['fixtures']),
  usageError('cli-unknown-flag', 'a misspelt flag (--flow-run-pth) that commander has a suggestion for', { args: ['run-local', '--flow-run-pth', 'x.json'] }, [
    '--flow-run-pth',
  ]),
  usageError('cli-unknown-command', 'an unknown command run-remote', { args: ['run-remote'] }, ['run-remote']),
  usageError('cli-summary-xml', '--output-summary xml', { args: [...RUN, '--output-summary', 'xml'] }, ['--output-summary', 'xml']),
  usageError(
    'cli-flow-run-not-json',
    'a flow_run file that is not JSON',
    { args: [...RUN], flowRunFile: '{"runId": "20251215-102530_BTCUSDT_k3f7a", "steps": {' },
    ['JSON'],
  ),
  usageError(
    'cli-flow-run-deep',
    'a READY flow_run whose scope nests arrays 10,000 deep',
    { args: [...RUN], flowRunFile: JSON.stringify(READY_RUN).replace('"scope":{', `"scope":{"extra":${nestedJsonArrays(10_000)},`) },
    ['levels deep'],
  ),
  usageError(
    'cli-flow-run-too-large',
    'a READY flow_run file of 2 MiB (a padded scope)',
    { args: [...RUN], flowRunFile: JSON.stringify({ ...READY_RUN, scope: { symbol: 'BTCUSDT', pad: 'x'.repeat(2 * 1024 * 1024) } }) },
    ['larger than 1048576 bytes'],
  ),
  stepRefused('cli-run-id-10k', 'a READY flow_run whose pattern-valid runId has 10,000 characters', JSON.stringify({ ...READY_RUN, runId: LONG_RUN_ID }), [
    'runId',
    'at most 200',
  ]),
  stepRefused(
    'cli-object-name-over-1024',
    'stepId and chartTemplateId of 200 non-ASCII characters each: a PNG name over 1024 bytes',
    JSON.stringify(aFlowRun({ ['図'.repeat(200)]: aChartExportStep({}, { minImages: 1, requests: [{ chartTemplateId: 'ж'.repeat(200) }] }) })),
    ['chartTemplateId', '1024'],
  ),
  usageError(
    'cli-flow-run-steps-array',
    'a flow_run whose steps is an array',
    { args: [...RUN], flowRunFile: '{"runId": "20251215-102530_BTCUSDT_k3f7a", "steps": []}' },
    ['steps'],
  ),
  usageError('cli-real-without-accounts', '--charts-api-mode real with no accounts anywhere', { args: [...RUN, '--charts-api-mode', 'real'] }, ['accounts']),
  usageError(
    'cli-accounts-not-json',
    'an accounts file of truncated JSON that holds a key',
    { args: [...RUN, '--accounts-config-path', '{accounts}'], accountsFile: `[{"id": "acc-1", "apiKey": "${KEY}"` },
    ['--accounts-config-path', 'not valid JSON'],
    { secrets: [KEY] },
  ),
  usageError(
    'cli-accounts-env-duplicates',
    'CHART_IMG_ACCOUNTS_JSON with a duplicate id, in real mode',
    {
      args: [...RUN, '--charts-api-mode', 'real'],
      env: {
        CHART_IMG_ACCOUNTS_JSON: JSON.stringify([
          { id: 'a', apiKey: KEY },
          { id: 'a', apiKey: `${KEY}-2` },
        ]),
      },
    },
    ['CHART_IMG_ACCOUNTS_JSON', 'already used'],
    { secrets: [KEY] },
  ),
  usageError('cli-step-id-missing', '--step-id ../../x names no step', { args: [...RUN, '--step-id', '../../x'] }, ['--step-id', '../../x'], {
    logLinesAllowed: true,
  }),
  refusedBeforeIo(
    'cli-sweep-real-project-defaults',
    'sweep against a real project (no emulator) with no mode, bucket or storage given',
    ['sweep', ...REAL_PROJECT],
    REAL_PROJECT_FLAGS,
  ),
  refusedBeforeIo(
    'cli-run-local-firestore-real-project-defaults',
    "run-local of a real project's Firestore flow_run with no mode, bucket or storage given",
    ['run-local', '--flow-run-source', 'firestore', '--run-id', '20251215-102530_BTCUSDT_k3f7a', ...REAL_PROJECT],
    REAL_PROJECT_FLAGS,
  ),
  refusedBeforeIo(
    'cli-sweep-real-project-mock',
    'sweep against a real project in mock mode, without --allow-test-outputs',
    ['sweep', ...REAL_PROJECT, '--charts-api-mode', 'mock', '--charts-bucket', 'gs://prod-charts', '--storage', 'gcs'],
    ['mock', '--allow-test-outputs'],
  ),
  refusedBeforeIo(
    'cli-storage-gcs-no-bucket',
    'run-local --storage gcs against real Cloud Storage (no STORAGE_EMULATOR_HOST) with the default bucket',
    [...RUN, '--storage', 'gcs'],
    ['--storage gcs', '--charts-bucket'],
  ),
  ...KEY_ECHO_FORMS.map((form) => keyEchoCase(form, 'application/json', `cli-key-echo-${form}`)),
  keyEchoCase('json-unicode-lower', 'image/png', 'cli-key-echo-as-png'),
];
