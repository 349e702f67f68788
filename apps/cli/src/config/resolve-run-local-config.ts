import { fail, ok, type ConfigResult } from './config-result.js';
import { checkGcsBucket } from './check-gcs-bucket.js';
import { checkRealProjectOutputs } from './check-real-project-outputs.js';
import { resolveAccountUsage } from './resolve-account-usage.js';
import { pickChoice, rejectBlankFlags, type Env } from './env.js';
import { RUN_LOCAL_DEFAULTS } from './defaults.js';
import { resolveFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';
import { SHARED_RUN_TEXT_FLAGS, resolveSharedRunSettings } from './shared-run-flags.js';
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
 * {@link resolveSharedRunSettings} for the rendering settings and `--storage`). The flow_run comes from `--flow-run-path`
 * (`--flow-run-source file`, the default) or from `flow_runs/{--run-id}` (`--flow-run-source firestore`);
 * templates from `--templates-dir` or `chart_templates`; account usage in memory or in
 * `chart_img_accounts_usage` (see {@link resolveAccountUsage} for its default). Any Firestore source needs a
 * project (`--project` > `GOOGLE_CLOUD_PROJECT`).
 * PNGs and the manifest go under `--storage-dir` or to Cloud Storage (`--storage gcs`). A flow_run of a
 * real Firestore project (no emulator) takes no test default: see {@link checkRealProjectOutputs}.
 * The first problem found is returned as a one-line message naming the flag or variable.
 */
export function resolveRunLocalConfig(flags: RunLocalFlags, env: Env): ConfigResult<RunLocalConfig> {
  const ownFlags = ['flowRunPath', 'flowRunSource', 'runId', 'stepId', 'templatesSource', 'accountUsage', 'project', 'storage'] as const;
  const blank = rejectBlankFlags(flags, [...ownFlags, ...SHARED_RUN_TEXT_FLAGS, 'ohlcvDir']);
  if (!blank.ok) return blank;

  const flowRunSource = pickChoice('--flow-run-source', flags.flowRunSource, FLOW_RUN_SOURCES, 'file');
  if (!flowRunSource.ok) return flowRunSource;
  const flowRun = resolveFlowRun(flowRunSource.value, flags);
  if (!flowRun.ok) return flowRun;
  const templatesSource = pickChoice('--templates-source', flags.templatesSource, TEMPLATES_SOURCES, 'files');
  if (!templatesSource.ok) return templatesSource;
  // Its default depends on the project and the mode (resolveAccountUsage); a bad value is named first.
  const accountUsageFlag = pickChoice('--account-usage', flags.accountUsage, ACCOUNT_USAGE_STORES, 'memory');
  if (!accountUsageFlag.ok) return accountUsageFlag;
  const run = resolveSharedRunSettings(flags, env, 'local');
  if (!run.ok) return run;

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
    const outputs = checkRealProjectOutputs('run-local --flow-run-source firestore', flowRunProject, flags, env, run.value);
    if (!outputs.ok) return outputs;
  }
  const accountUsage = resolveAccountUsage({
    flag: flags.accountUsage,
    flowRunProject,
    chartsApiMode: run.value.chartsApiMode,
    allowTestOutputs: flags.allowTestOutputs === true,
  });
  if (!accountUsage.ok) return accountUsage;
  const gcsBucket = checkGcsBucket(run.value.storage, flags, env);
  if (!gcsBucket.ok) return gcsBucket;

  return ok({
    flowRun: flowRun.value,
    ...(flags.stepId === undefined ? {} : { stepId: flags.stepId }),
    templatesSource: templatesSource.value,
    accountUsage: accountUsage.value,
    ...(firestore === undefined ? {} : { firestore }),
    ...run.value,
    outputSummary: flags.outputSummary,
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
