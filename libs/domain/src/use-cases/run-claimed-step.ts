import { fieldOf, type FlowRunView } from '../contracts/flow-run-view.js';
import type { EventLog } from '../ports/event-log.js';
import type { StepLease } from '../ports/step-lease-store.js';
import { buildManifest, buildValidationFailureManifest, decideStepOutcome, type RequestOutcome } from '../rules/index.js';
import type { ClaimedStep } from './claimed-step.js';
import { findStoredPngs } from './find-stored-pngs.js';
import { finishStep, leaseLost } from './finish-step.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { LOG_EVENTS } from './log-events.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { processRequest, type RequestContext } from './process-request.js';
import type { ChartExportSettings, RunChartExportStepDeps, RunChartExportStepResult } from './run-chart-export-step.types.js';
import { stepConcurrency } from './step-concurrency.js';
import { stepDeadline } from './step-deadline.js';
import { UsageTally } from './usage-tally.js';
import { validateClaimedStep } from './validate-claimed-step.js';
import { writeManifest } from './write-manifest.js';

/**
 * The work after the claim, under the lease: validate, render every request (reusing the PNGs earlier attempts
 * stored), write the manifest, finalize. The lease is renewed by a heartbeat all along and every phase ends by
 * its share of the step deadline; once the lease is lost nothing more is written.
 */
export async function runClaimedStep(
  deps: RunChartExportStepDeps,
  settings: ChartExportSettings,
  p: { runId: string; raw: unknown; view: FlowRunView; stepId: string; lease: StepLease; keeper: LeaseKeeper; log: EventLog },
): Promise<RunChartExportStepResult> {
  const { clock } = deps;
  const step: ClaimedStep = {
    deps,
    settings,
    runId: p.runId,
    stepId: p.stepId,
    view: p.view,
    lease: p.lease,
    keeper: p.keeper,
    deadline: stepDeadline(clock.now().getTime(), settings.stepDeadlineMs),
    log: p.log,
  };
  const tally = new UsageTally();
  tally.onChange(() => p.keeper.noteUsage(tally.summary()));
  p.keeper.startHeartbeat();
  try {
    return await runPhases(step, p.raw, tally);
  } finally {
    p.keeper.stop();
  }
}

async function runPhases(step: ClaimedStep, raw: unknown, tally: UsageTally): Promise<RunChartExportStepResult> {
  const { deps, settings, log, stepId, view } = step;
  const { clock } = deps;
  const validated = validateClaimedStep(step.runId, raw, view, stepId, log);
  if (!validated.ok) {
    const manifest = buildValidationFailureManifest({ flowRun: view, stepId, requests: validated.requests, error: validated.error, createdAt: clock.now() });
    const written = manifest ? await writeManifest(step, manifest) : undefined;
    if (written?.lost) return leaseLost(step);
    return finishStep(step, {
      minImages: declaredMinImages(view, stepId),
      outcomes: validated.requests.map((request): RequestOutcome => ({ type: 'failure', request, error: validated.error })),
      manifest,
      manifestUri: written?.uri,
      stepError: written?.error ?? validated.error,
      tally,
    });
  }

  const { inputs } = validated;
  const found = await findStoredPngs({ blobs: deps.blobs, bucket: settings.bucket, inputs, lease: step.lease, log });
  let exhaustionLogged = false;
  const ctx: RequestContext = {
    chartApi: deps.chartApi,
    clock,
    random: deps.random ?? Math.random,
    settings,
    deadlineAt: step.deadline.renderBy,
    tally,
    onAllExhausted: (ids) => {
      if (exhaustionLogged) return;
      exhaustionLogged = true;
      log.log('ERROR', LOG_EVENTS.accountsExhausted, `every Chart-IMG account is out of quota: ${ids.join(', ') || '(none)'}`, {
        error: { code: 'CHART_API_LIMIT_EXCEEDED' },
        exhaustedAccounts: [...ids],
      });
    },
  };
  const concurrency = stepConcurrency(inputs.requests.length, settings.concurrency, deps.accounts);
  const outcomes = await mapWithConcurrency(inputs.requests, concurrency, (request) =>
    processRequest(step, {
      inputs,
      request,
      found: found.get(request.chartTemplateId),
      ctx,
      log: log.child({ chartTemplateId: request.chartTemplateId }),
    }),
  );
  if (step.keeper.lost) return leaseLost(step);

  const manifest = buildManifest({ inputs, createdAt: clock.now(), outcomes });
  const written = await writeManifest(step, manifest);
  if (written.lost) return leaseLost(step);
  const outcome = decideStepOutcome({
    minImages: inputs.minImages,
    requested: inputs.requests.length,
    items: manifest.items.length,
    failures: outcomes.flatMap((o) => (o.type === 'failure' ? [o.error] : [])),
  });
  return finishStep(step, {
    minImages: inputs.minImages,
    outcomes,
    manifest,
    manifestUri: written.uri,
    stepError: written.error ?? (outcome.status === 'FAILED' ? outcome.error : undefined),
    tally,
  });
}

function declaredMinImages(view: FlowRunView, stepId: string): number {
  const value = fieldOf(view.steps[stepId]?.inputs, 'minImages');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
