import { createChartApi } from '@worker-chart-export/adapter-chart-img';
import { InMemoryAccountPool } from '@worker-chart-export/adapter-local';
import { DEFAULT_CHART_EXPORT_SETTINGS, RunChartExportStep, type RunChartExportStepDeps } from '@worker-chart-export/domain';
import { RecordingEventLog } from '@worker-chart-export/domain/testing';

/** What a {@link dyingWorker} works on: the stores under test and its clock (which names the PNGs it stores). */
export type DyingWorkerPorts = Pick<RunChartExportStepDeps, 'flowRuns' | 'templates' | 'blobs' | 'leases' | 'clock'>;

/** Where a {@link dyingWorker} writes and how long its lease lasts; charts come from the mock Chart-IMG in `fixturesDir`. */
export interface DyingWorkerSettings {
  readonly bucket: string;
  readonly leaseTtlMs: number;
  readonly fixturesDir: string;
}

/**
 * A worker that claims its step, renders and stores as usual, then dies before finalize (its `execute` rejects
 * with "worker killed before finalize"): the step stays RUNNING under a lease that expires after `leaseTtlMs`,
 * which is what a sweep must re-drive.
 */
export function dyingWorker(ports: DyingWorkerPorts, settings: DyingWorkerSettings): RunChartExportStep {
  const { flowRuns, clock } = ports;
  return new RunChartExportStep(
    {
      ...ports,
      flowRuns: {
        load: (runId) => flowRuns.load(runId),
        claim: (runId, stepId, at) => flowRuns.claim(runId, stepId, at),
        finalize: () => Promise.reject(new Error('worker killed before finalize')),
      },
      chartApi: createChartApi('mock', { fixturesDir: settings.fixturesDir, clock }),
      accounts: new InMemoryAccountPool([], clock),
      log: new RecordingEventLog(),
      owner: 'worker-that-died',
    },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: settings.bucket, leaseTtlMs: settings.leaseTtlMs },
  );
}
