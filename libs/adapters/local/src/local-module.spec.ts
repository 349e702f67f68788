import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { AccountPool, BlobStore, Clock, FlowRunStore, StepLeaseStore, TemplateRepo } from '@worker-chart-export/domain';
import { FakeClock, InMemoryFlowRunStore } from '@worker-chart-export/domain/testing';
import { FsBlobStore } from './fs-blob-store.js';
import { FsTemplateRepo } from './fs-template-repo.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';
import { localModule } from './local-module.js';

const ACCOUNTS = [{ id: 'acc-1', apiKey: 'k', dailyLimit: 44, priority: 100, plan: 'BASIC' as const }];

describe('localModule', () => {
  it('binds every port it is given to its local adapter, one per container', () => {
    const clock = new FakeClock();
    const flowRuns = new InMemoryFlowRunStore();
    const container = new Container();
    container.loadSync(localModule({ clock, flowRuns, templatesDir: 'chart-templates', storageDir: '.charts-out', accounts: ACCOUNTS, inMemoryLeases: true }));

    expect(container.get(Clock)).toBe(clock);
    expect(container.get(FlowRunStore)).toBe(flowRuns);
    expect(container.get(TemplateRepo)).toBeInstanceOf(FsTemplateRepo);
    expect(container.get(BlobStore)).toBeInstanceOf(FsBlobStore);
    expect(container.get(AccountPool)).toBeInstanceOf(InMemoryAccountPool);
    expect(container.get(AccountPool)).toBe(container.get(AccountPool));
    expect(container.get(StepLeaseStore)).toBeInstanceOf(InMemoryStepLeaseStore);
    expect(container.get(StepLeaseStore)).toBe(container.get(StepLeaseStore));
  });

  it('leaves the ports it is not given to other modules', () => {
    const container = new Container();
    container.loadSync(localModule({ storageDir: '.charts-out' }));

    expect(container.isBound(BlobStore)).toBe(true);
    for (const port of [Clock, FlowRunStore, TemplateRepo, AccountPool, StepLeaseStore]) expect(container.isBound(port)).toBe(false);
  });
});
