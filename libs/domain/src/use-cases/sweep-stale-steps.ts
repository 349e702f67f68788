import { domainError } from '../errors/error-codes.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { FlowRunStore } from '../ports/flow-run-store.js';
import type { StepLease, StepLeaseStore } from '../ports/step-lease-store.js';
import { lenientFlowRunView } from './flow-run-views.js';
import { LOG_EVENTS } from './log-events.js';
import type { RunChartExportStep } from './run-chart-export-step.js';

export type SweepAction = 'closed' | 'ran' | 'redriven' | 'failed' | 'error';

export interface SweepReport {
  readonly examined: number;
  readonly actions: ReadonlyArray<{ readonly runId: string; readonly stepId: string; readonly action: SweepAction; readonly detail: string }>;
}

export interface SweepSettings {
  /** A step whose lease expired this many times is FAILED with STEP_LEASE_EXHAUSTED instead of re-driven. */
  readonly maxAttempts: number;
  readonly batchSize: number;
}

/**
 * Finds CHART_EXPORT steps whose lease expired (a crashed or killed worker) and settles each:
 * re-drive a RUNNING step (bounded attempts, then FAILED), run a step still READY, drop leases of finished steps.
 */
export class SweepStaleSteps {
  constructor(
    private readonly deps: { leases: StepLeaseStore; flowRuns: FlowRunStore; clock: Clock; log: EventLog; runStep: RunChartExportStep },
    private readonly settings: SweepSettings,
  ) {}

  async sweep(): Promise<SweepReport> {
    const expired = await this.deps.leases.listExpired(this.deps.clock.now(), this.settings.batchSize);
    const actions = [];
    for (const lease of expired) {
      try {
        actions.push({ runId: lease.runId, stepId: lease.stepId, ...(await this.settle(lease)) });
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        this.deps.log.log('ERROR', LOG_EVENTS.sweepFailed, `could not settle the lease of ${lease.runId}/${lease.stepId}: ${detail}`, {
          runId: lease.runId,
          stepId: lease.stepId,
        });
        actions.push({ runId: lease.runId, stepId: lease.stepId, action: 'error' as const, detail });
      }
    }
    return { examined: expired.length, actions };
  }

  private async settle(lease: StepLease): Promise<{ action: SweepAction; detail: string }> {
    const { flowRuns, leases, clock, runStep } = this.deps;
    const log = this.deps.log.child({ runId: lease.runId, stepId: lease.stepId, attempt: lease.attempt });
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
    if (lease.attempt >= this.settings.maxAttempts) {
      const error = domainError(
        'STEP_LEASE_EXHAUSTED',
        `step ${lease.stepId} did not finish in ${lease.attempt} attempt(s); its last lease expired at ${lease.expiresAt.toISOString()}`,
        { attempts: lease.attempt, owner: lease.owner, storedRenders: lease.storedRenders.length },
      );
      await flowRuns.finalize(lease.runId, lease.stepId, { status: 'FAILED', finishedAt: clock.now(), outputs: {}, error });
      await leases.close(lease.runId, lease.stepId);
      log.log('ERROR', LOG_EVENTS.stepLeaseExhausted, error.message, { error });
      return { action: 'failed', detail: error.message };
    }
    const result = await runStep.resume(lease.runId, lease.stepId);
    return { action: 'redriven', detail: result.status };
  }
}
