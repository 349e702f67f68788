import { hostname } from 'node:os';
import { RunChartExportStep, type RunChartExportStepResult } from '@worker-chart-export/domain';
import { isChartApiConfigError } from '@worker-chart-export/adapter-chart-img';
import { JsonFileFlowRunStore, isFlowRunFileError } from '@worker-chart-export/adapter-local';
import { createEventLog, type FlushableEventLog } from '@worker-chart-export/adapter-logging';
import { writeLine, usageMessage, type CliIo } from '../cli-io.js';
import { loadAccounts } from '../config/load-accounts.js';
import { resolveRunLocalConfig } from '../config/resolve-run-local-config.js';
import type { RunLocalConfig, RunLocalFlags } from '../config/run-local-config.js';
import { buildRunLocalContainer } from '../container.js';
import { EXIT_CODES, exitCodeFor, isUsageNoop } from '../summary/exit-codes.js';
import { toJsonSummary } from '../summary/json-summary.js';
import { formatTextSummary } from '../summary/text-summary.js';

/** The `service` of the CLI's log lines: the same worker, run locally. */
export const CLI_SERVICE = 'worker-chart-export';

/** The CLI's own log events (the use case's are in the domain's LOG_EVENTS). */
export const CLI_EVENTS = {
  runLocalStarted: 'cli.run_local.started',
  runLocalFinished: 'cli.run_local.finished',
  runLocalCrashed: 'cli.run_local.crashed',
} as const;

class UsageError extends Error {}

/**
 * `run-local`: runs one CHART_EXPORT step of a flow_run file with the embedded default (DECISIONS D8)
 * and returns the exit code: 0 SUCCEEDED, 1 FAILED, 3 NOOP, 2 usage or configuration error
 * (one line on stderr). Logs are JSON lines on stderr; the summary goes to stdout.
 */
export async function runLocal(flags: RunLocalFlags, io: CliIo): Promise<number> {
  let log: FlushableEventLog | undefined;
  try {
    const config = required(resolveRunLocalConfig(flags, io.env));
    const accounts = required(await loadAccounts(config.accounts, { requireOne: config.chartsApiMode !== 'mock' }));
    const flowRuns = await openFlowRun(config);
    const runId = runIdOf(flowRuns.current(), config.flowRunPath);
    log = createEventLog({
      service: CLI_SERVICE,
      env: config.env,
      level: config.logLevel,
      stream: io.stderr,
      secrets: accounts.map((account) => account.apiKey),
    });
    const container = composeOrFail(() =>
      buildRunLocalContainer(config, { flowRuns, log: log as FlushableEventLog, accounts, owner: `cli@${hostname()}:${process.pid}` }),
    );
    const useCase = composeOrFail(() => container.get(RunChartExportStep));
    log.log('INFO', CLI_EVENTS.runLocalStarted, `run-local ${config.flowRunPath} (charts API ${config.chartsApiMode})`, {
      mode: 'local',
      chartsApi: { mode: config.chartsApiMode },
      flowRunPath: config.flowRunPath,
      stepId: config.stepId ?? null,
      runId,
      bucket: config.bucket,
      storageDir: config.storageDir,
    });
    const result = await useCase.execute({ runId, ...(config.stepId === undefined ? {} : { stepId: config.stepId }) });
    const code = exitCodeFor(result);
    const worrying = result.status === 'FAILED' || isUsageNoop(result);
    log.log(worrying ? 'WARNING' : 'INFO', CLI_EVENTS.runLocalFinished, `run-local ended ${result.status}, exit code ${code}`, {
      mode: 'local',
      status: result.status,
      exitCode: code,
    });
    await log.flush();
    if (isUsageNoop(result)) {
      await writeLine(io.stderr, usageMessage(`--step-id ${JSON.stringify(config.stepId)}: ${result.status === 'NOOP' ? result.message : ''}`));
      return code;
    }
    await printSummary(result, config, io);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      await log?.flush();
      await writeLine(io.stderr, usageMessage(error.message));
      return EXIT_CODES.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    log?.log('ERROR', CLI_EVENTS.runLocalCrashed, `run-local stopped: ${message}`, { mode: 'local', error: { message } });
    await log?.flush();
    await writeLine(io.stderr, usageMessage(`run-local stopped: ${message}`));
    return EXIT_CODES.failed;
  }
}

function required<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new UsageError(result.message);
  return result.value;
}

async function openFlowRun(config: RunLocalConfig): Promise<JsonFileFlowRunStore> {
  try {
    return await JsonFileFlowRunStore.open(config.flowRunPath, { writeBack: config.writeBack });
  } catch (error) {
    if (isFlowRunFileError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function runIdOf(document: unknown, path: string): string {
  const runId = (document as Record<string, unknown>)['runId'];
  if (typeof runId !== 'string' || runId === '') throw new UsageError(`flow_run file ${path} has no string "runId"`);
  return runId;
}

function composeOrFail<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (isChartApiConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
}

async function printSummary(result: RunChartExportStepResult, config: RunLocalConfig, io: CliIo): Promise<void> {
  if (config.outputSummary === 'json') await writeLine(io.stdout, JSON.stringify(toJsonSummary(result, config.chartsApiMode)));
  if (config.outputSummary === 'text') await writeLine(io.stdout, formatTextSummary(result, config));
}
