import { buildChartCall, renderDemandOf, validateChartTemplate } from '../chart-img/index.js';
import type { ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import type { ChartRequest, FlowRun } from '../contracts/flow-run.schema.js';
import { formatIssues, validateChartsOutputsManifest, validateFlowRun } from '../contracts/validators.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import type { AccountPool } from '../ports/account-pool.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { ChartApi } from '../ports/chart-api.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { FlowRunStore } from '../ports/flow-run-store.js';
import type { StepLease, StepLeaseStore, StoredRender } from '../ports/step-lease-store.js';
import type { TemplateRepo } from '../ports/template-repo.js';
import {
  buildManifest,
  buildValidationFailureManifest,
  decideStepOutcome,
  describeValue,
  gsUri,
  manifestObjectPath,
  pngObjectPath,
  selectChartExportStep,
  toRfc3339Utc,
  validateChartExportStep,
  type ChartExportStepInputs,
  type RequestOutcome,
} from '../rules/index.js';
import { LOG_EVENTS } from './log-events.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { renderRequest, type RenderContext } from './render-request.js';
import type {
  ChartExportSettings,
  NoopReason,
  RunChartExportStepCommand,
  RunChartExportStepResult,
} from './run-chart-export-step.types.js';
import { UsageTally } from './usage-tally.js';
import { errorMessageOf, lenientFlowRunView, stepScopedView } from './flow-run-views.js';

export interface RunChartExportStepDeps {
  readonly flowRuns: FlowRunStore;
  readonly templates: TemplateRepo;
  readonly blobs: BlobStore;
  readonly chartApi: ChartApi;
  readonly accounts: AccountPool;
  readonly leases: StepLeaseStore;
  readonly clock: Clock;
  readonly log: EventLog;
  /** Who holds the lease: instance id of the worker or CLI process. */
  readonly owner: string;
  /** Jitter source; injectable for tests. */
  readonly random?: () => number;
}

type Finished = Extract<RunChartExportStepResult, { status: 'SUCCEEDED' | 'FAILED' }>;
type ItemOutcome = Extract<RequestOutcome, { type: 'item' }>;

/**
 * Runs one CHART_EXPORT step of a flow_run: select, claim, validate, render every request
 * (reusing PNGs an earlier attempt stored), write the manifest, finalize SUCCEEDED or FAILED.
 * Expected outcomes are values; only infrastructure failures before the claim reject.
 */
export class RunChartExportStep {
  constructor(
    private readonly deps: RunChartExportStepDeps,
    private readonly settings: ChartExportSettings,
  ) {}

  async execute(command: RunChartExportStepCommand): Promise<RunChartExportStepResult> {
    const { flowRuns, clock } = this.deps;
    let log = this.deps.log.child({ runId: command.runId, ...(command.stepId ? { stepId: command.stepId } : {}) });

    const raw = await flowRuns.load(command.runId);
    if (raw === undefined) return this.noop(log, command, 'flow-run-not-found', `flow_run ${command.runId} not found`);
    const view = lenientFlowRunView(raw);
    log = log.child({ flowKey: view.flowKey });

    const selection = selectChartExportStep(view, command.stepId);
    if (selection.type === 'none') {
      return this.noop(log, { ...command, ...(selection.stepId ? { stepId: selection.stepId } : {}) }, selection.reason, selection.message);
    }
    const { stepId } = selection;
    log = log.child({ stepId });
    for (const dependency of selection.unknownDependencies) {
      log.log('WARNING', LOG_EVENTS.stepUnknownDependency, `dependency ${dependency} of step ${stepId} is not in the flow_run; trusting READY`, {
        dependency,
      });
    }

    const acquired = await this.deps.leases.acquire(command.runId, stepId, executionOwner(this.deps.owner), clock.now(), this.settings.leaseTtlMs);
    if (acquired.type === 'held') {
      log.log('INFO', LOG_EVENTS.stepClaimLost, `step ${stepId} is leased by ${acquired.lease.owner} until ${acquired.lease.expiresAt.toISOString()}`, {
        leaseOwner: acquired.lease.owner,
      });
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} is being run by ${acquired.lease.owner}`, runId: command.runId, stepId };
    }
    const claim = await flowRuns.claim(command.runId, stepId, clock.now());
    if (claim.type === 'not-ready' && claim.status === 'RUNNING') {
      // Nobody else can have claimed it while we hold the live lease: either our claim's answer was lost
      // (the write landed, its retry found RUNNING) or an earlier attempt died after claiming. Either way it is ours.
      log.log('WARNING', LOG_EVENTS.stepClaimAdopted, `step ${stepId} is already RUNNING under our lease: running it as attempt ${acquired.lease.attempt}`, {
        attempt: acquired.lease.attempt,
      });
      return this.runClaimed(command.runId, raw, view, stepId, acquired.lease, log);
    }
    if (claim.type === 'not-ready') {
      if (acquired.lease.attempt === 1 && acquired.lease.storedRenders.length === 0) await this.deps.leases.close(command.runId, stepId);
      log.log('INFO', LOG_EVENTS.stepClaimLost, `step ${stepId} is ${claim.status ?? 'gone'}, not READY: another worker has it`, {
        transition: { from: 'READY', to: 'RUNNING' },
        status: claim.status,
      });
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} was not READY at claim time`, runId: command.runId, stepId };
    }
    log.log('INFO', LOG_EVENTS.stepClaimed, `claimed step ${stepId}`, { transition: { from: 'READY', to: 'RUNNING' }, attempt: acquired.lease.attempt });
    return this.runClaimed(command.runId, raw, view, stepId, acquired.lease, log);
  }

  /**
   * Re-drives a step left RUNNING by a worker whose lease expired (the sweeper's path):
   * no claim, the lease's next attempt, PNGs already stored are reused.
   */
  async resume(runId: string, stepId: string): Promise<RunChartExportStepResult> {
    let log = this.deps.log.child({ runId, stepId });
    const raw = await this.deps.flowRuns.load(runId);
    if (raw === undefined) return this.noop(log, { runId, stepId }, 'flow-run-not-found', `flow_run ${runId} not found`);
    const view = lenientFlowRunView(raw);
    log = log.child({ flowKey: view.flowKey });
    const step = Object.hasOwn(view.steps, stepId) ? view.steps[stepId] : undefined;
    if (step === undefined) return this.noop(log, { runId, stepId }, 'step-not-found', `step ${stepId} not found in flow_run ${runId}`);
    if (step.stepType !== 'CHART_EXPORT') return this.noop(log, { runId, stepId }, 'not-chart-export', `step ${stepId} is ${step.stepType}, not CHART_EXPORT`);
    if (step.status !== 'RUNNING') return this.noop(log, { runId, stepId }, 'step-not-ready', `step ${stepId} is ${step.status}, not RUNNING`);
    const acquired = await this.deps.leases.acquire(runId, stepId, executionOwner(this.deps.owner), this.deps.clock.now(), this.settings.leaseTtlMs);
    if (acquired.type === 'held') {
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} is being run by ${acquired.lease.owner}`, runId, stepId };
    }
    log.log('WARNING', LOG_EVENTS.stepRedriven, `re-driving step ${stepId} (attempt ${acquired.lease.attempt})`, { attempt: acquired.lease.attempt });
    return this.runClaimed(runId, raw, view, stepId, acquired.lease, log);
  }

  /**
   * The claimed step's work. `runId` is the document's id (what was claimed): every write after the claim
   * uses it, whatever the document's own `runId` field says.
   */
  private async runClaimed(runId: string, raw: unknown, view: FlowRun, stepId: string, lease: StepLease, log: EventLog): Promise<Finished> {
    const { clock } = this.deps;
    const tally = new UsageTally();

    const shape = validateFlowRun(stepScopedView(raw, stepId));
    const validated = !shape.ok
      ? { ok: false as const, error: domainError('VALIDATION_FAILED', `flow_run is invalid: ${formatIssues(shape.issues)}`), requests: [] }
      : view.runId !== runId
        ? {
            ok: false as const,
            error: domainError('VALIDATION_FAILED', `flow_run field runId ${describeValue(view.runId)} does not match its document id ${describeValue(runId)}`, {
              field: 'runId',
              value: view.runId,
              documentId: runId,
            }),
            requests: [],
          }
        : validateChartExportStep(view, stepId);

    if (!validated.ok) {
      log.log('WARNING', LOG_EVENTS.stepInvalid, `step ${stepId} cannot run: ${validated.error.message}`, { error: validated.error });
      const manifest = buildValidationFailureManifest({
        flowRun: view,
        stepId,
        requests: validated.requests,
        error: validated.error,
        createdAt: clock.now(),
      });
      const written = manifest ? await this.writeManifest(manifest, log) : undefined;
      return this.finish(runId, view, stepId, {
        minImages: declaredMinImages(view, stepId),
        outcomes: validated.requests.map((request): RequestOutcome => ({ type: 'failure', request, error: validated.error })),
        manifest,
        manifestUri: written?.uri,
        stepError: written?.error ?? validated.error,
        tally,
        log,
      });
    }

    const { inputs } = validated;
    const reused = new Map(lease.storedRenders.map((render) => [render.chartTemplateId, render]));
    let exhaustionLogged = false;
    const ctx: Omit<RenderContext, 'log'> = {
      chartApi: this.deps.chartApi,
      accounts: this.deps.accounts,
      clock,
      random: this.deps.random ?? Math.random,
      settings: this.settings,
      deadlineAt: clock.now().getTime() + this.settings.stepDeadlineMs,
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

    const outcomes = await mapWithConcurrency(inputs.requests, this.settings.concurrency, (request) =>
      this.processRequest(inputs, request, reused.get(request.chartTemplateId), { ...ctx, log: log.child({ chartTemplateId: request.chartTemplateId }) }),
    );

    const manifest = buildManifest({ inputs, createdAt: clock.now(), outcomes });
    const written = await this.writeManifest(manifest, log);
    const outcome = decideStepOutcome({
      minImages: inputs.minImages,
      requested: inputs.requests.length,
      items: manifest.items.length,
      failures: outcomes.flatMap((o) => (o.type === 'failure' ? [o.error] : [])),
    });
    return this.finish(runId, view, stepId, {
      minImages: inputs.minImages,
      outcomes,
      manifest,
      manifestUri: written.uri,
      stepError: written.error ?? (outcome.status === 'FAILED' ? outcome.error : undefined),
      tally,
      log,
    });
  }

  private async processRequest(
    inputs: ChartExportStepInputs,
    request: ChartRequest,
    stored: StoredRender | undefined,
    ctx: RenderContext,
  ): Promise<RequestOutcome> {
    const { log } = ctx;
    if (stored !== undefined && (await this.isStored(stored.objectPath, log))) {
      const pngGcsUri = gsUri(this.settings.bucket, stored.objectPath);
      log.log('INFO', LOG_EVENTS.pngReused, `reusing ${pngGcsUri} stored by an earlier attempt`, { gcs_uri: pngGcsUri });
      return { type: 'item', request, kind: stored.kind, generatedAt: new Date(stored.generatedAt), pngGcsUri };
    }
    try {
      const outcome = await this.render(inputs, request, ctx);
      if (outcome.type === 'failure') {
        log.log('WARNING', LOG_EVENTS.requestFailed, `request ${request.chartTemplateId} failed: ${outcome.error.message}`, {
          error: outcome.error,
        });
      }
      return outcome;
    } catch (cause) {
      const error = domainError('CHART_API_FAILED', `${request.chartTemplateId}: unexpected error: ${errorMessageOf(cause)}`);
      log.log('ERROR', LOG_EVENTS.requestFailed, `request ${request.chartTemplateId} failed: ${error.message}`, { error });
      return { type: 'failure', request, error };
    }
  }

  private async render(inputs: ChartExportStepInputs, request: ChartRequest, ctx: RenderContext): Promise<RequestOutcome> {
    const id = request.chartTemplateId;
    let record;
    try {
      record = await this.deps.templates.get(id);
    } catch (cause) {
      return failure(request, domainError('VALIDATION_FAILED', `template "${id}" could not be read: ${errorMessageOf(cause)}`, { chartTemplateId: id }));
    }
    if (record === undefined) {
      return failure(request, domainError('VALIDATION_FAILED', `template "${id}" not found`, { chartTemplateId: id }));
    }
    const checked = validateChartTemplate(record, id);
    if (!checked.ok) return failure(request, checked.error);

    const call = buildChartCall({
      template: checked.template,
      symbol: inputs.symbol,
      timeframe: inputs.timeframe,
      interval: inputs.interval,
      defaultTimezone: this.settings.defaultTimezone,
    });
    const width = typeof call.body['width'] === 'number' ? call.body['width'] : undefined;
    const height = typeof call.body['height'] === 'number' ? call.body['height'] : undefined;
    const rendered = await renderRequest(
      call,
      { demand: renderDemandOf(call.body), ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) },
      ctx,
    );
    if (rendered.type === 'failure') return failure(request, rendered.error);
    return this.storePng(inputs, request, checked.template.description, rendered.bytes, ctx.log);
  }

  private async storePng(
    inputs: ChartExportStepInputs,
    request: ChartRequest,
    kind: string,
    bytes: Uint8Array,
    log: EventLog,
  ): Promise<RequestOutcome> {
    const generatedAt = this.deps.clock.now();
    const objectPath = pngObjectPath({ ...inputs, generatedAt, chartTemplateId: request.chartTemplateId });
    const uri = gsUri(this.settings.bucket, objectPath);
    // The lease learns the object's name before the upload: a worker killed after the upload but before
    // its next write still leaves the PNG findable, so no later attempt pays Chart-IMG for it again.
    const stored: StoredRender = { chartTemplateId: request.chartTemplateId, objectPath, generatedAt: toRfc3339Utc(generatedAt), kind };
    try {
      await this.deps.leases.recordRender(inputs.runId, inputs.stepId, stored);
    } catch (cause) {
      log.log('WARNING', LOG_EVENTS.pngStored, `could not record ${uri} in the lease: ${errorMessageOf(cause)}`, { gcs_uri: uri });
    }
    try {
      await this.deps.blobs.put({ bucket: this.settings.bucket, path: objectPath, bytes, contentType: 'image/png', createOnly: true });
    } catch (cause) {
      return failure(
        request,
        domainError('GCS_WRITE_FAILED', `could not store the PNG of ${request.chartTemplateId}: ${errorMessageOf(cause)}`, {
          objectPath,
          cause: errorMessageOf(cause),
        }),
      );
    }
    log.log('INFO', LOG_EVENTS.pngStored, `stored ${uri}`, { gcs_uri: uri, bytes: bytes.byteLength });
    const item: ItemOutcome = { type: 'item', request, kind, generatedAt, pngGcsUri: uri };
    return item;
  }

  /** Whether an earlier attempt's PNG really is in the store (its upload may have died after the lease noted it). */
  private async isStored(objectPath: string, log: EventLog): Promise<boolean> {
    try {
      return await this.deps.blobs.exists(this.settings.bucket, objectPath);
    } catch (cause) {
      log.log('WARNING', LOG_EVENTS.pngReused, `could not check ${objectPath}: ${errorMessageOf(cause)}; rendering again`);
      return false;
    }
  }

  private async writeManifest(
    manifest: ChartsOutputsManifest,
    log: EventLog,
  ): Promise<{ uri?: string; error?: DomainError }> {
    const objectPath = manifestObjectPath(manifest.runId, manifest.stepId);
    const uri = gsUri(this.settings.bucket, objectPath);
    const valid = validateChartsOutputsManifest(manifest);
    if (!valid.ok) {
      const error = domainError('MANIFEST_WRITE_FAILED', `manifest for ${uri} is not schema-valid: ${formatIssues(valid.issues)}`, { objectPath });
      log.log('ERROR', LOG_EVENTS.manifestWriteFailed, error.message, { error });
      return { error };
    }
    try {
      const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
      await this.deps.blobs.put({
        bucket: this.settings.bucket,
        path: objectPath,
        bytes,
        contentType: 'application/json',
        createOnly: false,
        cacheControl: 'no-cache',
      });
    } catch (cause) {
      const error = domainError('MANIFEST_WRITE_FAILED', `could not write ${uri}: ${errorMessageOf(cause)}`, { objectPath, cause: errorMessageOf(cause) });
      log.log('ERROR', LOG_EVENTS.manifestWriteFailed, error.message, { error });
      return { error };
    }
    log.log('INFO', LOG_EVENTS.manifestWritten, `wrote ${uri}`, { gcs_uri: uri, itemsCount: manifest.items.length });
    return { uri };
  }

  private async finish(
    runId: string,
    view: FlowRun,
    stepId: string,
    p: {
      minImages: number;
      outcomes: readonly RequestOutcome[];
      manifest: ChartsOutputsManifest | undefined;
      manifestUri: string | undefined;
      stepError: DomainError | undefined;
      tally: UsageTally;
      log: EventLog;
    },
  ): Promise<Finished> {
    const status = p.stepError === undefined ? 'SUCCEEDED' : 'FAILED';
    const usage = p.tally.summary();
    const outputs = { ...(p.manifestUri ? { outputsManifestGcsUri: p.manifestUri } : {}), usage };
    const finalized = await this.deps.flowRuns.finalize(runId, stepId, {
      status,
      finishedAt: this.deps.clock.now(),
      outputs,
      ...(p.stepError ? { error: { code: p.stepError.code, message: p.stepError.message, ...(p.stepError.details ? { details: p.stepError.details } : {}) } } : {}),
    });
    if (finalized.type === 'unchanged') {
      p.log.log('WARNING', LOG_EVENTS.stepFinalizeUnchanged, `step ${stepId} was already ${finalized.status ?? 'gone'}; result not written`, {
        status: finalized.status,
      });
    }
    try {
      await this.deps.leases.close(runId, stepId);
    } catch (cause) {
      p.log.log('WARNING', LOG_EVENTS.stepCompleted, `could not close the lease of ${stepId}: ${errorMessageOf(cause)}`);
    }
    const items = p.outcomes.filter((o): o is ItemOutcome => o.type === 'item');
    const failuresCount = p.outcomes.length - items.length;
    p.log.log(
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
      flowKey: view.flowKey,
      stepId,
      chartsApiMode: this.deps.chartApi.mode,
      minImages: p.minImages,
      itemsCount: items.length,
      failuresCount,
      ...(p.manifestUri ? { outputsManifestGcsUri: p.manifestUri } : {}),
      ...(p.manifest ? { manifest: p.manifest } : {}),
      pngObjectPaths: p.manifest?.items.map((item) => item.png_gcs_uri.replace(`gs://${this.settings.bucket}/`, '')) ?? [],
      ...(p.stepError ? { error: p.stepError } : {}),
      usage,
    };
  }

  private noop(log: EventLog, command: RunChartExportStepCommand, reason: NoopReason, message: string): RunChartExportStepResult {
    log.log('INFO', LOG_EVENTS.stepNoop, message, { reason });
    return { status: 'NOOP', reason, message, runId: command.runId, ...(command.stepId ? { stepId: command.stepId } : {}) };
  }
}

let executionSequence = 0;

/**
 * A lease owner unique to one execution: two copies of an event in the same process must not share a lease,
 * or the second would extend the first's and then drop it when its own claim fails.
 */
function executionOwner(owner: string): string {
  executionSequence += 1;
  return `${owner}#${executionSequence}`;
}

function declaredMinImages(view: FlowRun, stepId: string): number {
  const value = (view.steps[stepId]?.inputs as Record<string, unknown> | undefined)?.['minImages'];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

function failure(request: ChartRequest, error: DomainError): RequestOutcome {
  return { type: 'failure', request, error };
}
