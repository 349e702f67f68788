import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import {
  AccountPool,
  BlobStore,
  Clock,
  FlowRunStore,
  StepLeaseStore,
  TemplateRepo,
} from '@worker-chart-export/domain';
import { FakeClock, InMemoryFlowRunStore } from '@worker-chart-export/domain/testing';
import { FsBlobStore } from './fs-blob-store.js';
import { FsTemplateRepo } from './fs-template-repo.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';
import { localAdaptersModule, type LocalAdaptersModuleOptions } from './local-adapters-module.js';
import { SystemClock } from './system-clock.js';

const containerWith = (options: Partial<LocalAdaptersModuleOptions> = {}): Container => {
  const container = new Container();
  container.loadSync(localAdaptersModule({ templatesDir: 'chart-templates', storageDir: '.charts-out', ...options }));
  return container;
};

describe('localAdaptersModule', () => {
  it('binds the file template repo, disk blob store, in-memory leases and the system clock as singletons', () => {
    const container = containerWith();

    expect(container.get(TemplateRepo)).toBeInstanceOf(FsTemplateRepo);
    expect(container.get(BlobStore)).toBeInstanceOf(FsBlobStore);
    expect(container.get(StepLeaseStore)).toBeInstanceOf(InMemoryStepLeaseStore);
    expect(container.get(Clock)).toBeInstanceOf(SystemClock);
    expect(container.get(StepLeaseStore)).toBe(container.get(StepLeaseStore));
  });

  it('leaves FlowRunStore and AccountPool unbound unless given', () => {
    const container = containerWith();

    expect(container.isBound(FlowRunStore)).toBe(false);
    expect(container.isBound(AccountPool)).toBe(false);
  });

  it('binds the given flow-run store and clock', () => {
    const flowRun = new InMemoryFlowRunStore();
    const clock = new FakeClock();

    const container = containerWith({ flowRun, clock });

    expect(container.get(FlowRunStore)).toBe(flowRun);
    expect(container.get(Clock)).toBe(clock);
  });

  it('binds one in-memory account pool over the given accounts, on the bound clock', async () => {
    const clock = new FakeClock('2025-12-15T10:00:00Z');
    const container = containerWith({
      clock,
      accounts: [{ id: 'a', apiKey: 'k', dailyLimit: 2, priority: 100, plan: 'BASIC' }],
      accountUsage: [{ id: 'a', usageToday: 1, windowStart: '2025-12-15T00:00:00.000Z' }],
    });

    const pool = container.get<AccountPool>(AccountPool);

    expect(pool).toBeInstanceOf(InMemoryAccountPool);
    expect(container.get(AccountPool)).toBe(pool);
    expect((pool as InMemoryAccountPool).snapshot()).toMatchObject([{ id: 'a', usageToday: 1, remaining: 1 }]);
  });
});
