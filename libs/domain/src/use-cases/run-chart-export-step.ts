import type { FlowRunView } from '../contracts/flow-run-view.js';
import type { EventLog } from '../ports/event-log.js';
import type { StepLease } from '../ports/step-lease-store.js';
import { selectChartExportStep } from '../rules/index.js';
import { lenientFlowRunView } from './flow-run-views.js';
import { LeaseKeeper } from './lease-keeper.js';
import { LOG_EVENTS } from './log-events.js';
import { runClaimedStep } from './run-claimed-step.js';
import type {
  ChartExportSettings,
  NoopReason,
  RunChartExportStepCommand,
  RunChartExportStepDeps,
  RunChartExportStepResult,
} from './run-chart-export-step.types.js';

/**
 * Runs one CHART_EXPORT step of a flow_run: select, lease, claim, then the claimed step's phases (validate,
 * render reusing what earlier attempts stored, manifest, finalize) under a renewed lease.
 * Expected outcomes are values; only infrastructure failures before the claim reject.
 */
export class RunChartExportStep {
  constructor(
    private readonly deps: RunChartExportStepDeps,
    readonly settings: ChartExportSettings,
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

    const acquired = await this.deps.leases.acquire(command.runId, stepId, executionOwner(this.deps.owner), this.settings.leaseTtlMs);
    if (acquired.type === 'held') {
      log.log('INFO', LOG_EVENTS.stepClaimLost, `step ${stepId} is leased by ${acquired.lease.owner} until ${acquired.lease.expiresAt.toISOString()}`, {
        leaseOwner: acquired.lease.owner,
      });
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} is being run by ${acquired.lease.owner}`, runId: command.runId, stepId };
    }
    const keeper = this.keeperOf(command.runId, stepId, acquired.lease, log);
    let claim;
    try {
      claim = await flowRuns.claim(command.runId, stepId, clock.now());
    } catch (cause) {
      // The caller answers this with a retry (Eventarc redelivers a 503): give the lease back, or the
      // redelivery would find it held and do nothing until the lease expires and a sweep runs.
      await keeper.release();
      log.log('WARNING', LOG_EVENTS.stepClaimFailed, `claiming step ${stepId} failed; its lease was released for the retry`);
      throw cause;
    }
    if (claim.type === 'not-ready' && claim.status === 'RUNNING') {
      // Nobody else can have claimed it while we hold the live lease: either our claim's answer was lost
      // (the write landed, its retry found RUNNING) or an earlier attempt died after claiming. Either way it is ours.
      log.log('WARNING', LOG_EVENTS.stepClaimAdopted, `step ${stepId} is already RUNNING under our lease: running it as attempt ${acquired.lease.attempt}`, {
        attempt: acquired.lease.attempt,
      });
      return this.runClaimed(command.runId, raw, view, stepId, acquired.lease, keeper, log);
    }
    if (claim.type === 'not-ready') {
      await keeper.release();
      log.log('INFO', LOG_EVENTS.stepClaimLost, `step ${stepId} is ${claim.status ?? 'gone'}, not READY: another worker has it`, {
        transition: { from: 'READY', to: 'RUNNING' },
        status: claim.status,
      });
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} was not READY at claim time`, runId: command.runId, stepId };
    }
    log.log('INFO', LOG_EVENTS.stepClaimed, `claimed step ${stepId}`, { transition: { from: 'READY', to: 'RUNNING' }, attempt: acquired.lease.attempt });
    return this.runClaimed(command.runId, raw, view, stepId, acquired.lease, keeper, log);
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
    const acquired = await this.deps.leases.acquire(runId, stepId, executionOwner(this.deps.owner), this.settings.leaseTtlMs);
    if (acquired.type === 'held') {
      return { status: 'NOOP', reason: 'claim-lost', message: `step ${stepId} is being run by ${acquired.lease.owner}`, runId, stepId };
    }
    log.log('WARNING', LOG_EVENTS.stepRedriven, `re-driving step ${stepId} (attempt ${acquired.lease.attempt})`, { attempt: acquired.lease.attempt });
    return this.runClaimed(runId, raw, view, stepId, acquired.lease, this.keeperOf(runId, stepId, acquired.lease, log), log);
  }

  private keeperOf(runId: string, stepId: string, lease: StepLease, log: EventLog): LeaseKeeper {
    return new LeaseKeeper(
      { leases: this.deps.leases, clock: this.deps.clock, log },
      runId,
      stepId,
      { owner: lease.owner, attempt: lease.attempt },
      this.settings.leaseTtlMs,
    );
  }

  private runClaimed(runId: string, raw: unknown, view: FlowRunView, stepId: string, lease: StepLease, keeper: LeaseKeeper, log: EventLog) {
    return runClaimedStep(this.deps, this.settings, { runId, raw, view, stepId, lease, keeper, log });
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
