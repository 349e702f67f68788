import type { FlowRunView } from '../contracts/flow-run-view.js';
import type { EventLog } from '../ports/event-log.js';
import type { StepLease } from '../ports/step-lease-store.js';
import type { LeaseKeeper } from './lease-keeper.js';
import type { ChartExportSettings, RunChartExportStepDeps } from './run-chart-export-step.types.js';
import type { StepDeadline } from './step-deadline.js';

/** Everything the phases after the claim share. */
export interface ClaimedStep {
  readonly deps: RunChartExportStepDeps;
  readonly settings: ChartExportSettings;
  /** The document id that was claimed: every write uses it, whatever the document's own `runId` says. */
  readonly runId: string;
  readonly stepId: string;
  /** The claimed document read leniently: not validated. */
  readonly view: FlowRunView;
  /** The lease as this execution acquired it (earlier attempts' renders and calls). */
  readonly lease: StepLease;
  readonly keeper: LeaseKeeper;
  readonly deadline: StepDeadline;
  readonly log: EventLog;
}
