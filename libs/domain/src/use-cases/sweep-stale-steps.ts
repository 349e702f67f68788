import { domainError } from '../errors/error-codes.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { FlowRunStore } from '../ports/flow-run-store.js';
import type { StepLease, StepLeaseStore } from '../ports/step-lease-store.js';
import { lenientFlowRunView } from './flow-run-views.js';
import { LOG_EVENTS } from './log-events.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import type { RunChartExportStep } from './run-chart-export-step.js';
import { sumUsage } from './usage-tally.js';

/**
 * `held`: another execution took the lease over meanwhile. `deferred`: not settled, no time left in this sweep
 * (the next sweep takes it).
 */
export type SweepAction = 'closed' | 'ran' | 'redriven' | 'failed' | 'held' | 'deferred' | 'error';

export interface SweepReport {
  readonly examined: number;
  readonly actions: ReadonlyArray<{ readonly runId: string; readonly stepId: string; readonly action: SweepAction; readonly detail: string }>;
}

export interface SweepSettings {
  /** A step whose lease expired this many times is FAILED with STEP_LEASE_EXHAUSTED instead of re-driven. */
  readonly maxAttempts: number;
  readonly batchSize: number;
  /** Leases settled at once (default 4). */
  readonly concurrency?: number;
}

export interface SweepOptions {
  /** The time this sweep may take (e.g. what is left of the HTTP request that asked for it); unbounded without. */
  readonly budgetMs?: number;
}

/**
 * Time a settle may need besides the step's own deadline: loading the document and the lease, and above all
 * taking the lease over, which waits while a worker that died inside a transaction still holds its locks on the
 * lease (the database releases them about a minute after that worker's last request).
 */
const SETTLE_MARGIN_MS = 75_000;
const DEFAULT_CONCURRENCY = 4;

/**
 * Finds CHART_EXPORT steps whose lease expired (a crashed or killed worker) and settles each: re-drive a RUNNING
 * step (bounded attempts, then FAILED), run a step still READY, drop leases of finished steps. Leases are settled
 * a few at a time, and none is started that could not end within the sweep's budget (each settle ends within
 * the step deadline): those are left for the next sweep.
 */
export class SweepStaleSteps {
  constructor(
    private readonly deps: { leases: StepLeaseStore; flowRuns: FlowRunStore; clock: Clock; log: EventLog; runStep: RunChartExportStep },
    private readonly settings: SweepSettings,
  ) {}

  async sweep(options: SweepOptions = {}): Promise<SweepReport> {
    const { clock, runStep } = this.deps;
    const endsAt = options.budgetMs === undefined ? Number.POSITIVE_INFINITY : clock.now().getTime() + options.budgetMs;
    const settleMs = runStep.settings.stepDeadlineMs + SETTLE_MARGIN_MS;
    const expired = await this.deps.leases.listExpired(this.settings.batchSize);
    const actions = await mapWithConcurrency(expired, this.settings.concurrency ?? DEFAULT_CONCURRENCY, async (lease) => {
      const at = { runId: lease.runId, stepId: lease.stepId };
      if (clock.now().getTime() + settleMs > endsAt) {
        this.deps.log.log('INFO', LOG_EVENTS.sweepDeferred, `no time left in this sweep for ${lease.runId}/${lease.stepId}: left for the next sweep`, at);
        return { ...at, action: 'deferred' as const, detail: 'left for the next sweep' };
      }
      try {
        return { ...at, ...(await this.settle(lease)) };
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        this.deps.log.log('ERROR', LOG_EVENTS.sweepFailed, `could not settle the lease of ${lease.runId}/${lease.stepId}: ${detail}`, at);
        return { ...at, action: 'error' as const, detail };
      }
    });
    return { examined: expired.length, actions };
  }

  private async settle(lease: StepLease): Promise<{ action: SweepAction; detail: string }> {
    const { flowRuns, leases, runStep } = this.deps;
    const raw = await flowRuns.load(lease.runId);
    const step = raw === undefined ? undefined : lenientFlowRunView(raw).steps[lease.stepId];
    if (step === undefined || !['READY', 'RUNNING'].includes(step.status)) {
      await leases.close(lease.runId, lease.stepId);
      return { action: 'closed', detail: `step is ${step?.status ?? 'gone'}` };
    }
    if (step.status === 'READY') {
      const result = await runStep.execute({ runId: lease.runId, stepId: lease.stepId });
      return { action: 'ran', detail: result.status };
    }
    if (lease.attempt >= this.settings.maxAttempts) return this.failExhausted(lease);
    const result = await runStep.resume(lease.runId, lease.stepId);
    return { action: result.status === 'NOOP' && result.reason === 'claim-lost' ? 'held' : 'redriven', detail: result.status };
  }

  /** Takes the lease itself, so the FAILED finalize is fenced like any other: a worker that took it first wins. */
  private async failExhausted(expired: StepLease): Promise<{ action: SweepAction; detail: string }> {
    const { flowRuns, leases, clock, runStep } = this.deps;
    const log = this.deps.log.child({ runId: expired.runId, stepId: expired.stepId, attempt: expired.attempt });
    const owner = `sweeper-${Math.random().toString(36).slice(2, 10)}`;
    const acquired = await leases.acquire(expired.runId, expired.stepId, owner, runStep.settings.leaseTtlMs);
    if (acquired.type === 'held') return { action: 'held', detail: `taken over by ${acquired.lease.owner}` };
    const fence = { owner, attempt: acquired.lease.attempt };
    const error = domainError(
      'STEP_LEASE_EXHAUSTED',
      `step ${expired.stepId} did not finish in ${expired.attempt} attempt(s); its last lease expired at ${expired.expiresAt.toISOString()}`,
      { attempts: expired.attempt, owner: expired.owner, storedRenders: expired.storedRenders.length },
    );
    const usage = sumUsage(Object.values(acquired.lease.usageByAttempt));
    const finalized = await flowRuns.finalize(expired.runId, expired.stepId, { status: 'FAILED', finishedAt: clock.now(), outputs: { usage }, error }, fence);
    if (finalized.type === 'fenced') return { action: 'held', detail: 'taken over while failing it' };
    await leases.release(expired.runId, expired.stepId, fence);
    log.log('ERROR', LOG_EVENTS.stepLeaseExhausted, error.message, { error });
    return { action: 'failed', detail: error.message };
  }
}
