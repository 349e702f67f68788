import { describe, expect, it } from '@jest/globals';
import { createSecretRedactor, DEFAULT_CHART_EXPORT_SETTINGS, type FlowRunStore } from '@worker-chart-export/domain';
import {
  InMemoryAccountPool,
  FakeClock,
  InMemoryBlobStore,
  InMemoryStepLeaseStore,
  MapTemplateRepo,
  RecordingEventLog,
  ScriptedChartApi,
} from '@worker-chart-export/domain/testing';
import { StepLauncher } from './step-launcher.js';

const KEY = 'sk-launcher-0123456789abcdef';

function launcherWith(flowRuns: FlowRunStore, leases = new InMemoryStepLeaseStore(new FakeClock())) {
  const clock = new FakeClock();
  return new StepLauncher(
    {
      flowRuns,
      templates: new MapTemplateRepo({}),
      blobs: new InMemoryBlobStore(),
      chartApi: new ScriptedChartApi(),
      accounts: new InMemoryAccountPool([{ id: 'acc-1' }], clock),
      leases,
      clock,
      owner: 'test-worker',
      redactor: createSecretRedactor([KEY]),
    },
    { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: 'charts-test' },
    { maxAttempts: 2, batchSize: 10 },
  );
}

const failingStore = (message: string): FlowRunStore => ({
  load: () => Promise.reject(new Error(message)),
  claim: () => Promise.reject(new Error(message)),
  finalize: () => Promise.reject(new Error(message)),
});

describe('StepLauncher answers over HTTP without API keys', () => {
  it('redacts a key, in any form, from the message of a step that crashed', async () => {
    const launch = await launcherWith(failingStore(`backend echoed x-api-key=${encodeURIComponent(KEY)}`)).runStep('run-1', new RecordingEventLog());
    expect(launch.type).toBe('crashed');
    const message = launch.type === 'crashed' && launch.error instanceof Error ? launch.error.message : '';
    expect(message).toContain('backend echoed x-api-key=');
    expect(message).not.toContain(encodeURIComponent(KEY));
  });

  it('redacts a key from the report of a sweep', async () => {
    const clock = new FakeClock();
    const leases = new InMemoryStepLeaseStore(clock);
    // A lease whose step id carries the key, for a flow_run that cannot be read: the report names both.
    await leases.acquire('run-1', `charts:${KEY}`, 'dead-worker', 1_000);
    clock.advance(5_000);
    const report = await launcherWith(failingStore(`could not read, key ${KEY}`), leases).sweep(new RecordingEventLog());
    expect(report.examined).toBe(1);
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(JSON.stringify(report)).toContain('[REDACTED]');
  });
});
