import type { ResolutionContext } from 'inversify';
import { AccountPool, BlobStore, ChartApi, Clock, FlowRunStore, StepLeaseStore, TemplateRepo, type RunChartExportStepDeps } from '@worker-chart-export/domain';

/** The ports of `RunChartExportStep` an app's container binds (the log, owner and renderer are the app's own). */
export type StepPorts = Pick<RunChartExportStepDeps, 'flowRuns' | 'templates' | 'blobs' | 'chartApi' | 'accounts' | 'leases' | 'clock'>;

/** Resolves every {@link StepPorts} port from the container the adapter modules were loaded into. */
export function resolveStepPorts(context: ResolutionContext): StepPorts {
  return {
    flowRuns: context.get<FlowRunStore>(FlowRunStore),
    templates: context.get<TemplateRepo>(TemplateRepo),
    blobs: context.get<BlobStore>(BlobStore),
    chartApi: context.get<ChartApi>(ChartApi),
    accounts: context.get<AccountPool>(AccountPool),
    leases: context.get<StepLeaseStore>(StepLeaseStore),
    clock: context.get<Clock>(Clock),
  };
}
