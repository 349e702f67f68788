import { RunChartExportStep } from '../use-cases/run-chart-export-step.js';
import { DEFAULT_CHART_EXPORT_SETTINGS, type ChartExportSettings, type RunChartExportStepDeps } from '../use-cases/run-chart-export-step.types.js';
import { aFlowRun, aTemplate, RUN_ID } from './builders.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';
import { InMemoryBlobStore } from './in-memory-blob-store.js';
import { InMemoryFlowRunStore } from './in-memory-flow-run-store.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';
import { MapTemplateRepo } from './map-template-repo.js';
import { RecordingEventLog } from './recording-event-log.js';
import { ScriptedChartApi } from './scripted-chart-api.js';

/** The fakes a rig builds for the ports it is not given. */
export interface InMemoryStepParts {
  readonly clock: FakeClock;
  readonly flowRuns: InMemoryFlowRunStore;
  readonly templates: MapTemplateRepo;
  readonly blobs: InMemoryBlobStore;
  readonly chartApi: ScriptedChartApi;
  readonly accounts: InMemoryAccountPool;
  readonly leases: InMemoryStepLeaseStore;
  readonly log: RecordingEventLog;
}

/** Any port replaced by an implementation of its own; the rest of the use case's deps and settings. */
export interface InMemoryStepRigOverrides extends Partial<Pick<RunChartExportStepDeps, keyof InMemoryStepParts | 'owner' | 'random' | 'localRenderer'>> {
  /** The document the default flow_run store holds, and whose requests the default templates answer; `aFlowRun()`. */
  readonly flowRun?: unknown;
  /** Over the defaults, with the bucket `ARTIFACTS_BUCKET`. */
  readonly settings?: Partial<ChartExportSettings>;
}

/** Each part as given (typed as given, so a test inspects its own fake), or the default fake. */
type Part<O, K extends keyof InMemoryStepParts> = K extends keyof O
  ? undefined extends O[K]
    ? Exclude<O[K], undefined> | InMemoryStepParts[K]
    : O[K]
  : InMemoryStepParts[K];

export type InMemoryStepRig<O extends InMemoryStepRigOverrides = InMemoryStepRigOverrides> = {
  readonly [K in keyof InMemoryStepParts]: Part<O, K>;
} & {
  readonly deps: RunChartExportStepDeps;
  readonly settings: ChartExportSettings;
  readonly useCase: RunChartExportStep;
  /** Runs the use case on `RUN_ID` (and `stepId` when given). */
  readonly run: (stepId?: string) => ReturnType<RunChartExportStep['execute']>;
};

/**
 * `RunChartExportStep` over the domain's in-memory fakes, every part returned for assertions: a FakeClock, the
 * flow_run store holding `flowRun`, a template (`aTemplate`) for each chart that flow_run requests, a ScriptedChartApi
 * answering PNGs, one account `acc1`, leases judged by the clock, a RecordingEventLog, owner `test` and a fixed jitter.
 */
export function inMemoryStepRig<const O extends InMemoryStepRigOverrides = Record<never, never>>(overrides: O = {} as O): InMemoryStepRig<O> {
  const clock = overrides.clock ?? new FakeClock();
  const flowRun = overrides.flowRun ?? aFlowRun();
  const parts = {
    clock,
    flowRuns: overrides.flowRuns ?? new InMemoryFlowRunStore(flowRun),
    templates: overrides.templates ?? new MapTemplateRepo(templatesRequestedBy(flowRun)),
    blobs: overrides.blobs ?? new InMemoryBlobStore(),
    chartApi: overrides.chartApi ?? new ScriptedChartApi(),
    accounts: overrides.accounts ?? new InMemoryAccountPool([{ id: 'acc1' }], clock),
    leases: overrides.leases ?? new InMemoryStepLeaseStore(clock),
    log: overrides.log ?? new RecordingEventLog(),
  };
  const deps: RunChartExportStepDeps = {
    ...parts,
    owner: overrides.owner ?? 'test',
    random: overrides.random ?? (() => 0.5),
    ...(overrides.localRenderer === undefined ? {} : { localRenderer: overrides.localRenderer }),
  };
  const settings: ChartExportSettings = { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'ARTIFACTS_BUCKET', ...overrides.settings };
  const useCase = new RunChartExportStep(deps, settings);
  const run = (stepId?: string) => useCase.execute({ runId: RUN_ID, ...(stepId === undefined ? {} : { stepId }) });
  return { ...parts, deps, settings, useCase, run } as unknown as InMemoryStepRig<O>;
}

type StepDocument = { readonly inputs?: { readonly requests?: ReadonlyArray<{ readonly chartTemplateId?: unknown }> } };

/** A template for every chart the flow_run's steps request. */
function templatesRequestedBy(flowRun: unknown): Record<string, unknown> {
  const steps = Object.values((flowRun as { steps?: Record<string, StepDocument> } | null)?.steps ?? {});
  const ids = steps.flatMap((step) => step.inputs?.requests?.map((request) => request.chartTemplateId) ?? []);
  return Object.fromEntries(ids.filter((id): id is string => typeof id === 'string').map((id) => [id, aTemplate(id)]));
}
