import { ContainerModule } from 'inversify';
import { AccountPool, BlobStore, Clock, FlowRunStore, StepLeaseStore, TemplateRepo, type ChartImgAccount } from '@worker-chart-export/domain';
import { FsBlobStore } from './fs-blob-store.js';
import { FsTemplateRepo } from './fs-template-repo.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';

/** Which ports the local adapters back; a port left out is bound by another module. */
export interface LocalModuleOptions {
  /** Bind `Clock` to this clock (the system clock, or a test's). */
  readonly clock?: Clock;
  /** Bind `FlowRunStore` to this opened store (a flow_run file). */
  readonly flowRuns?: FlowRunStore;
  /** Bind `TemplateRepo` to the templates in this directory. */
  readonly templatesDir?: string;
  /** Bind `BlobStore` to files under this directory. */
  readonly storageDir?: string;
  /** Bind `AccountPool` to usage counted in memory over these accounts (needs `Clock`). */
  readonly accounts?: readonly ChartImgAccount[];
  /** Bind `StepLeaseStore` to leases held in memory (one process). */
  readonly inMemoryLeases?: boolean;
}

/** Binds each port named in `options` to its local adapter: files, a directory, or memory (one per container). */
export function localModule(options: LocalModuleOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const { clock, flowRuns, templatesDir, storageDir, accounts } = options;
    if (clock !== undefined) bind<Clock>(Clock).toConstantValue(clock);
    if (flowRuns !== undefined) bind<FlowRunStore>(FlowRunStore).toConstantValue(flowRuns);
    if (templatesDir !== undefined) bind<TemplateRepo>(TemplateRepo).toConstantValue(new FsTemplateRepo(templatesDir));
    if (storageDir !== undefined) bind<BlobStore>(BlobStore).toConstantValue(new FsBlobStore(storageDir));
    if (accounts !== undefined) {
      bind<AccountPool>(AccountPool)
        .toDynamicValue((context) => new InMemoryAccountPool(accounts, context.get<Clock>(Clock)))
        .inSingletonScope();
    }
    if (options.inMemoryLeases === true)
      bind<StepLeaseStore>(StepLeaseStore)
        .toDynamicValue(() => new InMemoryStepLeaseStore())
        .inSingletonScope();
  });
}
