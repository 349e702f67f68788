import type { FlowRunStore } from '@worker-chart-export/domain';
import {
  aFlowRun,
  aTemplate,
  InMemoryAccountPool,
  FakeClock,
  InMemoryBlobStore,
  InMemoryFlowRunStore,
  InMemoryStepLeaseStore,
  MapTemplateRepo,
  RecordingEventLog,
  ScriptedChartApi,
} from '@worker-chart-export/domain/testing';
import { DEFAULT_CHART_EXPORT_SETTINGS } from '@worker-chart-export/domain';
import { StepLauncher } from '../steps/step-launcher.js';

/** The worker's launcher over the domain's in-memory fakes, every part exposed for assertions. */
export function fakeWorkerDeps(p: { flowRuns?: FlowRunStore; flowRun?: Record<string, unknown> } = {}) {
  const clock = new FakeClock();
  const store = new InMemoryFlowRunStore(p.flowRun ?? aFlowRun());
  const flowRuns = p.flowRuns ?? store;
  const templates = new MapTemplateRepo({ ctpl_price_ma1226_vol_v1: aTemplate('ctpl_price_ma1226_vol_v1') });
  const blobs = new InMemoryBlobStore();
  const chartApi = new ScriptedChartApi();
  const accounts = new InMemoryAccountPool([{ id: 'acc-1' }], clock);
  const leases = new InMemoryStepLeaseStore(clock);
  const log = new RecordingEventLog();
  const launcher = new StepLauncher(
    { flowRuns, templates, blobs, chartApi, accounts, leases, clock, owner: 'test-worker' },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'charts-test' },
    { maxAttempts: 2, batchSize: 10 },
  );
  return { clock, store, flowRuns, templates, blobs, chartApi, accounts, leases, log, launcher };
}
