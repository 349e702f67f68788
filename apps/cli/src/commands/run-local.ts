import { RunChartExportStep, type FlowRunStore, type RunChartExportStepResult } from '@worker-chart-export/domain';
import { JsonFileFlowRunStore, isFlowRunFileError } from '@worker-chart-export/adapter-local';
import { writeLine, usageMessage, type CliIo } from '../cli-io.js';
import { resolveRunLocalConfig } from '../config/resolve-run-local-config.js';
import type { RunLocalConfig, RunLocalFlags } from '../config/run-local-config.js';
import { describeFirestoreTarget } from '../config/resolve-firestore-target.js';
import { buildRunLocalContainer } from '../container.js';
import { exitCodeFor, isUsageNoop } from '../summary/exit-codes.js';
import { toJsonSummary } from '../summary/json-summary.js';
import { formatTextSummary } from '../summary/text-summary.js';
import { UsageError } from '../usage-error.js';
import { composeOrFail, runChartCommand, type ChartCommandSession } from './chart-command-session.js';
import { CLI_EVENTS } from './cli-events.js';

/**
 * `run-local`: runs one CHART_EXPORT step of a flow_run file with the embedded default, or of
 * `flow_runs/{runId}` with templates and account usage from files/memory or Firestore as flagged, and
 * PNGs and manifest on disk or in Cloud Storage,
 * and returns the exit code: 0 SUCCEEDED, 1 FAILED, 3 NOOP, 2 usage or configuration error
 * (one line on stderr). Logs are JSON lines on stderr; the summary goes to stdout.
 */
export function runLocal(flags: RunLocalFlags, io: CliIo): Promise<number> {
  return runChartCommand(flags, io, {
    command: 'run-local',
    owner: 'cli',
    resolveConfig: resolveRunLocalConfig,
    logCrash: (log, text, message) => log.log('ERROR', CLI_EVENTS.runLocalCrashed, text, { mode: 'local', error: { message } }),
    run: runStep,
  });
}

/** Runs the step of the configured flow_run with the session open, prints its summary and returns its exit code. */
async function runStep(config: RunLocalConfig, session: ChartCommandSession, io: CliIo): Promise<number> {
  const { log, redactor } = session;
  const flowRun = await openFlowRun(config);
  const runtime = { ...session, ...(flowRun.store === undefined ? {} : { flowRuns: flowRun.store }) };
  const container = await session.compose(() => buildRunLocalContainer(config, runtime));
  const useCase = await composeOrFail(async () => container.get(RunChartExportStep));
  log.log('INFO', CLI_EVENTS.runLocalStarted, `run-local ${flowRun.label} (charts API ${config.chartsApiMode})`, {
    mode: 'local',
    chartsApi: { mode: config.chartsApiMode },
    ...(config.flowRun.from === 'file' ? { flowRunPath: config.flowRun.path } : { flowRunDocument: flowRun.label }),
    stepId: config.stepId ?? null,
    runId: flowRun.runId,
    sources: { flowRun: config.flowRun.from, templates: config.templatesSource, accountUsage: config.accountUsage },
    ...(config.firestore === undefined ? {} : { firestore: describeFirestoreTarget(config.firestore) }),
    bucket: config.bucket,
    storage: config.storage,
    ...(config.storage === 'local' ? { storageDir: config.storageDir } : {}),
  });
  const result = await useCase.execute({ runId: flowRun.runId, ...(config.stepId === undefined ? {} : { stepId: config.stepId }) });
  const code = exitCodeFor(result);
  const worrying = result.status === 'FAILED' || isUsageNoop(result);
  log.log(worrying ? 'WARNING' : 'INFO', CLI_EVENTS.runLocalFinished, `run-local ended ${result.status}, exit code ${code}`, {
    mode: 'local',
    status: result.status,
    exitCode: code,
  });
  await log.flush();
  if (result.status === 'NOOP' && isUsageNoop(result)) {
    await writeLine(io.stderr, usageMessage(usageNoopMessage(result, config)));
    return code;
  }
  await printSummary(redactor.redactDeep(result), config, io);
  return code;
}

/** The flow_run to run: the opened file (and the runId it carries), or the Firestore document named by `--run-id`. */
async function openFlowRun(config: RunLocalConfig): Promise<{ store?: FlowRunStore; runId: string; label: string }> {
  if (config.flowRun.from === 'firestore') {
    return { runId: config.flowRun.runId, label: `flow_runs/${config.flowRun.runId}` };
  }
  const path = config.flowRun.path;
  try {
    const store = await JsonFileFlowRunStore.open(path, { writeBack: config.writeBack });
    return { store, runId: runIdOf(store.current(), path), label: path };
  } catch (error) {
    if (isFlowRunFileError(error)) throw new UsageError(error.message);
    throw error;
  }
}

/** A NOOP that is a usage error names the flag whose value points at nothing. */
function usageNoopMessage(result: Extract<RunChartExportStepResult, { status: 'NOOP' }>, config: RunLocalConfig): string {
  if (result.reason === 'flow-run-not-found' && config.flowRun.from === 'firestore') {
    return `--run-id ${JSON.stringify(config.flowRun.runId)}: ${result.message} in ${config.firestore ? describeFirestoreTarget(config.firestore) : 'Firestore'}`;
  }
  return `--step-id ${JSON.stringify(config.stepId)}: ${result.message}`;
}

function runIdOf(document: unknown, path: string): string {
  const runId = (document as Record<string, unknown>)['runId'];
  if (typeof runId !== 'string' || runId === '') throw new UsageError(`flow_run file ${path} has no string "runId"`);
  return runId;
}

async function printSummary(result: RunChartExportStepResult, config: RunLocalConfig, io: CliIo): Promise<void> {
  if (config.outputSummary === 'json') await writeLine(io.stdout, JSON.stringify(toJsonSummary(result, config.chartsApiMode)));
  const storage = config.storage === 'local' ? config : { bucket: config.bucket };
  if (config.outputSummary === 'text') await writeLine(io.stdout, formatTextSummary(result, storage));
}
