import type { ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import type { DomainError } from '../errors/error-codes.js';
import type { RequestOutcome } from '../rules/index.js';
import type { ClaimedStep } from './claimed-step.js';
import { within } from './clock-timer.js';
import { LOG_EVENTS } from './log-events.js';
import type { RunChartExportStepResult } from './run-chart-export-step.types.js';
import { sumUsage, type UsageTally } from './usage-tally.js';

type Finished = Extract<RunChartExportStepResult, { status: 'SUCCEEDED' | 'FAILED' }>;
type LeaseLost = Extract<RunChartExportStepResult, { status: 'NOOP' }>;
type ItemOutcome = Extract<RequestOutcome, { type: 'item' }>;

export interface StepConclusion {
  readonly minImages: number;
  readonly outcomes: readonly RequestOutcome[];
  readonly manifest: ChartsOutputsManifest | undefined;
  readonly manifestUri: string | undefined;
  readonly stepError: DomainError | undefined;
  readonly tally: UsageTally;
}

/**
 * Finalizes the step SUCCEEDED or FAILED, fenced by this execution's lease and bounded by the step deadline,
 * with `outputs.usage` summing the calls of every attempt; then releases the lease. A finalize refused by the
 * fence means another execution holds the step now: NOOP `lease-lost`, nothing written. A finalize that does
 * not answer in time rejects: the lease (no longer renewed) and the sweeper settle the step.
 */
export async function finishStep(step: ClaimedStep, p: StepConclusion): Promise<Finished | LeaseLost> {
  const { flowRuns, clock, chartApi } = step.deps;
  const { log, stepId, runId, keeper } = step;
  const status = p.stepError === undefined ? 'SUCCEEDED' : 'FAILED';
  const own = p.tally.summary();
  const earlier = Object.entries(step.lease.usageByAttempt).filter(([attempt]) => attempt !== String(keeper.fence.attempt));
  const usage = sumUsage([...earlier.map(([, u]) => u), own]);
  if (!(await keeper.confirm())) return leaseLost(step);
  const outputs = { ...(p.manifestUri ? { outputsManifestGcsUri: p.manifestUri } : {}), usage };
  const finalizing = flowRuns.finalize(
    runId,
    stepId,
    {
      status,
      finishedAt: clock.now(),
      outputs,
      ...(p.stepError
        ? { error: { code: p.stepError.code, message: p.stepError.message, ...(p.stepError.details ? { details: p.stepError.details } : {}) } }
        : {}),
    },
    keeper.fence,
  );
  const finalized = await within(clock, step.deadline.finalizeBy, finalizing);
  if (finalized.timedOut) {
    keeper.stop();
    log.log(
      'ERROR',
      LOG_EVENTS.stepFinalizeTimedOut,
      `the finalize of step ${stepId} did not answer within the step deadline; the sweeper settles it once the lease expires`,
    );
    throw new Error(`finalizing step ${stepId} did not answer within the step deadline`);
  }
  if (finalized.value.type === 'fenced') {
    keeper.markLost("the finalize found another execution's lease");
    return leaseLost(step);
  }
  if (finalized.value.type === 'unchanged') {
    log.log('WARNING', LOG_EVENTS.stepFinalizeUnchanged, `step ${stepId} was already ${finalized.value.status ?? 'gone'}; result not written`, {
      status: finalized.value.status,
    });
  }
  await keeper.release();
  const items = p.outcomes.filter((o): o is ItemOutcome => o.type === 'item');
  const failuresCount = p.outcomes.length - items.length;
  log.log(
    status === 'SUCCEEDED' ? 'INFO' : 'WARNING',
    LOG_EVENTS.stepCompleted,
    `step ${stepId} ${status}: ${items.length} of ${p.outcomes.length} charts rendered, minImages=${p.minImages}${p.stepError ? ` (${p.stepError.code}: ${p.stepError.message})` : ''}`,
    {
      transition: { from: 'RUNNING', to: status },
      itemsCount: items.length,
      failuresCount,
      usage,
      ...(p.manifestUri ? { gcs_uri: p.manifestUri } : {}),
      ...(p.stepError ? { error: p.stepError } : {}),
    },
  );
  return {
    status,
    runId,
    flowKey: step.view.flowKey,
    stepId,
    chartsApiMode: chartApi.mode,
    minImages: p.minImages,
    itemsCount: items.length,
    failuresCount,
    ...(p.manifestUri ? { outputsManifestGcsUri: p.manifestUri } : {}),
    ...(p.manifest ? { manifest: p.manifest } : {}),
    pngObjectPaths: p.manifest?.items.map((item) => item.png_gcs_uri.replace(`gs://${step.settings.bucket}/`, '')) ?? [],
    ...(p.stepError ? { error: p.stepError } : {}),
    usage,
  };
}

/** The answer of an execution that lost its lease: it wrote nothing, the step is another execution's. */
export function leaseLost(step: ClaimedStep): LeaseLost {
  step.keeper.stop();
  return {
    status: 'NOOP',
    reason: 'lease-lost',
    message: `step ${step.stepId} was taken over by another execution while attempt ${step.keeper.fence.attempt} ran; it wrote no manifest and no finalize`,
    runId: step.runId,
    stepId: step.stepId,
  };
}
