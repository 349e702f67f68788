import { fail, ok, type ConfigResult } from './config-result.js';
import { checkGcsBucket } from './check-gcs-bucket.js';
import { checkRealProjectOutputs } from './check-real-project-outputs.js';
import { resolveAccountUsage } from './resolve-account-usage.js';
import { firstEmptyFlag, pickChoice, type Env } from './env.js';
import { RUN_LOCAL_DEFAULTS } from './defaults.js';
import { resolveChartSettings } from './resolve-chart-settings.js';
import { resolveFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';
import { STORAGE_KINDS } from './storage-kind.js';
import {
  ACCOUNT_USAGE_STORES,
  FLOW_RUN_SOURCES,
  OUTPUT_SUMMARIES,
  TEMPLATES_SOURCES,
  type FlowRunSource,
  type OutputSummary,
  type RunLocalConfig,
  type RunLocalFlags,
} from './run-local-config.js';

export type { Env } from './env.js';

/**
 * Resolves `run-local`'s configuration from its flags and the environment, without I/O (see
 * {@link resolveChartSettings} for the rendering settings). The flow_run comes from `--flow-run-path`
 * (`--flow-run-source file`, the default) or from `flow_runs/{--run-id}` (`--flow-run-source firestore`);
 * templates from `--templates-dir` or `chart_templates`; account usage in memory or in
 * `chart_img_accounts_usage` (see {@link resolveAccountUsage} for its default). Any Firestore source needs a
 * project (`--project` > `GOOGLE_CLOUD_PROJECT`).
 * PNGs and the manifest go under `--storage-dir` or to Cloud Storage (`--storage gcs`). A flow_run of a
 * real Firestore project (no emulator) takes no test default: see {@link checkRealProjectOutputs}.
 * The first problem found is returned as a one-line message naming the flag or variable.
 */
export function resolveRunLocalConfig(flags: RunLocalFlags, env: Env): ConfigResult<RunLocalConfig> {
  const emptyFlag = firstEmptyFlag([
    ['--flow-run-path', flags.flowRunPath],
    ['--flow-run-source', flags.flowRunSource],
    ['--run-id', flags.runId],
    ['--step-id', flags.stepId],
    ['--templates-source', flags.templatesSource],
    ['--account-usage', flags.accountUsage],
    ['--project', flags.project],
    ['--storage', flags.storage],
    ['--charts-api-mode', flags.chartsApiMode],
    ['--charts-bucket', flags.chartsBucket],
    ['--accounts-config-path', flags.accountsConfigPath],
    ['--templates-dir', flags.templatesDir],
    ['--fixtures-dir', flags.fixturesDir],
    ['--storage-dir', flags.storageDir],
    ['--ohlcv-dir', flags.ohlcvDir],
  ]);
  if (emptyFlag !== undefined) return fail(`${emptyFlag} must not be empty`);

  const flowRunSource = pickChoice('--flow-run-source', flags.flowRunSource, FLOW_RUN_SOURCES, 'file');
  if (!flowRunSource.ok) return flowRunSource;
  const flowRun = resolveFlowRun(flowRunSource.value, flags);
  if (!flowRun.ok) return flowRun;
  const templatesSource = pickChoice('--templates-source', flags.templatesSource, TEMPLATES_SOURCES, 'files');
  if (!templatesSource.ok) return templatesSource;
  // Its default depends on the project and the mode (resolveAccountUsage); a bad value is named first.
  const accountUsageFlag = pickChoice('--account-usage', flags.accountUsage, ACCOUNT_USAGE_STORES, 'memory');
  if (!accountUsageFlag.ok) return accountUsageFlag;
  const storage = pickChoice('--storage', flags.storage, STORAGE_KINDS, 'local');
  if (!storage.ok) return storage;

  const chart = resolveChartSettings(flags, env);
  if (!chart.ok) return chart;

  if (!isOutputSummary(flags.outputSummary)) {
    return fail(`--output-summary ${JSON.stringify(flags.outputSummary)} is not one of ${OUTPUT_SUMMARIES.join(', ')}`);
  }

  const firestoreUser = [
    flowRunSource.value === 'firestore' ? '--flow-run-source firestore' : undefined,
    templatesSource.value === 'firestore' ? '--templates-source firestore' : undefined,
    flags.accountUsage === 'firestore' ? '--account-usage firestore' : undefined,
  ].find((user) => user !== undefined);
  let firestore: FirestoreTarget | undefined;
  if (firestoreUser !== undefined) {
    const target = resolveFirestoreTarget(flags.project, env, firestoreUser);
    if (!target.ok) return target;
    firestore = target.value;
  } else if (flags.project !== undefined) {
    return fail('--project applies only with a Firestore source (--flow-run-source, --templates-source or --account-usage firestore)');
  }
  const flowRunProject = flowRun.value.from === 'firestore' ? firestore : undefined;
  if (flowRunProject !== undefined) {
    const chosen = { chartsApiMode: chart.value.chartsApiMode, storage: storage.value };
    const outputs = checkRealProjectOutputs('run-local --flow-run-source firestore', flowRunProject, flags, env, chosen);
    if (!outputs.ok) return outputs;
  }
  const accountUsage = resolveAccountUsage({
    flag: flags.accountUsage,
    flowRunProject,
    chartsApiMode: chart.value.chartsApiMode,
    allowTestOutputs: flags.allowTestOutputs === true,
  });
  if (!accountUsage.ok) return accountUsage;
  const gcsBucket = checkGcsBucket(storage.value, flags, env);
  if (!gcsBucket.ok) return gcsBucket;

  return ok({
    flowRun: flowRun.value,
    ...(flags.stepId === undefined ? {} : { stepId: flags.stepId }),
    templatesSource: templatesSource.value,
    accountUsage: accountUsage.value,
    ...(firestore === undefined ? {} : { firestore }),
    ...chart.value,
    outputSummary: flags.outputSummary,
    templatesDir: flags.templatesDir,
    fixturesDir: flags.fixturesDir,
    storage: storage.value,
    storageDir: flags.storageDir,
    ohlcvDir: flags.ohlcvDir ?? RUN_LOCAL_DEFAULTS.ohlcvDir,
    writeBack: flags.writeBack,
  });
}

function resolveFlowRun(source: 'file' | 'firestore', flags: RunLocalFlags): ConfigResult<FlowRunSource> {
  if (source === 'file') {
    if (flags.runId !== undefined) {
      return fail('--run-id applies to --flow-run-source firestore; a flow_run file carries its own runId');
    }
    if (flags.flowRunPath === undefined) {
      return fail("required option '--flow-run-path <path>' not specified (or use --flow-run-source firestore --run-id ID)");
    }
    return ok({ from: 'file', path: flags.flowRunPath });
  }
  if (flags.flowRunPath !== undefined) {
    return fail('--flow-run-path applies to --flow-run-source file; with firestore, name the document with --run-id ID');
  }
  if (flags.runId === undefined) return fail('--flow-run-source firestore needs --run-id ID (the flow_runs/{runId} document)');
  if (flags.writeBack) return fail('--write-back applies to --flow-run-source file only; Firestore is written directly');
  return ok({ from: 'firestore', runId: flags.runId });
}

function isOutputSummary(value: string): value is OutputSummary {
  return (OUTPUT_SUMMARIES as readonly string[]).includes(value);
}
