import type { FlowRunStore } from '@worker-chart-export/domain';
import { aFlowRun, InMemoryFlowRunStore, inMemoryStepRig } from '@worker-chart-export/domain/testing';
import { StepLauncher } from '../steps/step-launcher.js';

/** The worker's launcher over the domain's in-memory fakes, every part exposed for assertions. */
export function fakeWorkerDeps(p: { flowRuns?: FlowRunStore; flowRun?: Record<string, unknown> } = {}) {
  const store = new InMemoryFlowRunStore(p.flowRun ?? aFlowRun());
  const { clock, flowRuns, templates, blobs, chartApi, accounts, leases, log, deps, settings } = inMemoryStepRig({
    flowRuns: p.flowRuns ?? store,
    owner: 'test-worker',
    settings: { bucket: 'charts-test' },
  });
  const launcher = new StepLauncher(deps, settings, { maxAttempts: 2, batchSize: 10 });
  return { clock, store, flowRuns, templates, blobs, chartApi, accounts, leases, log, launcher };
}
