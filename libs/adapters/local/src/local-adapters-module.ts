import { ContainerModule } from 'inversify';
import {
  AccountPool,
  BlobStore,
  Clock,
  FlowRunStore,
  StepLeaseStore,
  TemplateRepo,
  type ChartImgAccount,
} from '@worker-chart-export/domain';
import { FsBlobStore } from './fs-blob-store.js';
import { FsTemplateRepo } from './fs-template-repo.js';
import { InMemoryAccountPool, type AccountUsageSeed } from './in-memory-account-pool.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';
import { SystemClock } from './system-clock.js';

export interface LocalAdaptersModuleOptions {
  /** `chart-templates/`: one `<id>.json` per template. */
  readonly templatesDir: string;
  /** Blobs land in `<storageDir>/<bucket>/<object>`. */
  readonly storageDir: string;
  /** Bind `FlowRunStore` to this store (usually a `JsonFileFlowRunStore` opened by the app). */
  readonly flowRun?: FlowRunStore;
  /** Bind `AccountPool` to an in-memory pool over these accounts. */
  readonly accounts?: readonly ChartImgAccount[];
  /** Usage to start the in-memory pool from (only with `accounts`). */
  readonly accountUsage?: readonly AccountUsageSeed[];
  /** Bind `Clock` to this clock instead of the {@link SystemClock} (tests). */
  readonly clock?: Clock;
}

/**
 * The embedded default's adapters (DECISIONS D8): `TemplateRepo` on a directory, `BlobStore` on
 * disk, `StepLeaseStore` in memory and `Clock`; `FlowRunStore` and `AccountPool` when the options
 * carry them (an app may bind those to other adapters instead). All singletons.
 */
export function localAdaptersModule(options: LocalAdaptersModuleOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<TemplateRepo>(TemplateRepo).toConstantValue(new FsTemplateRepo(options.templatesDir));
    bind<BlobStore>(BlobStore).toConstantValue(new FsBlobStore(options.storageDir));
    bind<StepLeaseStore>(StepLeaseStore).toConstantValue(new InMemoryStepLeaseStore());
    bind<Clock>(Clock).toConstantValue(options.clock ?? new SystemClock());
    if (options.flowRun !== undefined) bind<FlowRunStore>(FlowRunStore).toConstantValue(options.flowRun);
    const accounts = options.accounts;
    if (accounts !== undefined) {
      bind<AccountPool>(AccountPool)
        .toDynamicValue((context) => new InMemoryAccountPool(accounts, context.get<Clock>(Clock), options.accountUsage))
        .inSingletonScope();
    }
  });
}
