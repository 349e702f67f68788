import {
  RunChartExportStep,
  SweepStaleSteps,
  type ChartExportSettings,
  type EventLog,
  type RunChartExportStepDeps,
  type RunChartExportStepResult,
  type SecretRedactor,
  type SweepReport,
  type SweepOptions,
  type SweepSettings,
} from '@worker-chart-export/domain';
import { ClaimWatchingFlowRunStore } from './claim-watching-flow-run-store.js';

/** How one run of the use case ended, from the HTTP layer's point of view. */
export type StepLaunch =
  | { readonly type: 'finished'; readonly result: RunChartExportStepResult }
  /** It threw. `claimed`: whether the step had been moved to RUNNING by this run before that. */
  | { readonly type: 'crashed'; readonly error: unknown; readonly claimed: boolean; readonly stepId?: string };

export type StepLauncherDeps = Omit<RunChartExportStepDeps, 'log'> & {
  /** Removes API keys from what goes back over HTTP (a sweep's report, a crash's message): logs are redacted apart. */
  readonly redactor?: SecretRedactor;
};

/**
 * Builds the use cases per event so each logs with the event's fields (`eventId`, trace), and
 * reports whether a failure happened before or after the claim.
 */
export class StepLauncher {
  constructor(
    private readonly deps: StepLauncherDeps,
    private readonly settings: ChartExportSettings,
    private readonly sweepSettings: SweepSettings,
  ) {}

  async runStep(runId: string, log: EventLog): Promise<StepLaunch> {
    const flowRuns = new ClaimWatchingFlowRunStore(this.deps.flowRuns);
    const useCase = new RunChartExportStep({ ...this.deps, flowRuns, log }, this.settings);
    try {
      return { type: 'finished', result: await useCase.execute({ runId }) };
    } catch (error) {
      const stepId = flowRuns.claimedStepId;
      return { type: 'crashed', error: this.redactedError(error), claimed: flowRuns.claimed, ...(stepId ? { stepId } : {}) };
    }
  }

  /** One sweep (rejects when the leases cannot even be listed). */
  async sweep(log: EventLog, options: SweepOptions = {}): Promise<SweepReport> {
    const runStep = new RunChartExportStep({ ...this.deps, log }, this.settings);
    const sweeper = new SweepStaleSteps({ leases: this.deps.leases, flowRuns: this.deps.flowRuns, clock: this.deps.clock, log, runStep }, this.sweepSettings);
    try {
      const report = await sweeper.sweep(options);
      return this.deps.redactor === undefined ? report : this.deps.redactor.redactDeep(report);
    } catch (error) {
      throw this.redactedError(error);
    }
  }

  private redactedError(error: unknown): unknown {
    const { redactor } = this.deps;
    if (redactor === undefined || !(error instanceof Error)) return error;
    const message = redactor.redact(error.message);
    if (message === error.message) return error;
    const redacted = new Error(message);
    redacted.name = error.name;
    return redacted;
  }
}
