import type { Firestore } from '@google-cloud/firestore';
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  AccountPool,
  BlobStore,
  Clock,
  FlowRunStore,
  StepLeaseStore,
  TemplateRepo,
  type ChartImgAccount,
} from '@worker-chart-export/domain';
import { FsBlobStore, FsTemplateRepo, InMemoryAccountPool, InMemoryStepLeaseStore, SystemClock } from '@worker-chart-export/adapter-local';
import type { FirestoreTarget } from './config/resolve-firestore-target.js';
import type { FirestoreAdapters } from './firestore/load-cloud-adapters.js';

/** Which adapter backs each port of a CLI command. */
export interface CliAdapterChoice {
  /** A store the command opened (a flow_run file), or `flow_runs` in Firestore. */
  readonly flowRuns: FlowRunStore | 'firestore';
  readonly templates: { readonly from: 'files'; readonly dir: string } | { readonly from: 'firestore' };
  readonly accountUsage: 'memory' | 'firestore';
  /** Leases belong with the flow_run: a step left RUNNING in Firestore needs a lease the sweeper can find. */
  readonly leases: 'memory' | 'firestore';
  /** Blobs on disk under this directory; absent when another module binds `BlobStore` (GCS). */
  readonly storageDir?: string;
  readonly accounts: readonly ChartImgAccount[];
  /** Required when any choice is `firestore`, with the adapter library (loaded on demand by the caller). */
  readonly firestore?: { readonly target: FirestoreTarget; readonly adapters: FirestoreAdapters };
}

/**
 * Binds `Clock`, `FlowRunStore`, `TemplateRepo`, `AccountPool`, `StepLeaseStore` and (with `storageDir`)
 * `BlobStore` to local or Firestore adapters as chosen. The Firestore client is created on first use, one
 * per container, and terminated when the container is unbound (`container.unbindAll()`).
 */
export function cliAdaptersModule(choice: CliAdapterChoice): ContainerModule {
  const usesFirestore =
    choice.flowRuns === 'firestore' ||
    choice.templates.from === 'firestore' ||
    choice.accountUsage === 'firestore' ||
    choice.leases === 'firestore';
  const firestore = choice.firestore;
  if (usesFirestore && firestore === undefined) throw new Error('a Firestore adapter was chosen without a Firestore project');

  return new ContainerModule(({ bind }) => {
    bind<Clock>(Clock).toConstantValue(new SystemClock());
    // Only reached for a Firestore choice, where the constructor checked `firestore` is present.
    const lib = (): FirestoreAdapters => (firestore as NonNullable<CliAdapterChoice['firestore']>).adapters;
    const db = (context: ResolutionContext): Firestore => context.get<Firestore>(lib().FirestoreClient);
    if (firestore !== undefined) {
      const { projectId, databaseId } = firestore.target;
      bind<Firestore>(firestore.adapters.FirestoreClient)
        .toDynamicValue(() => firestore.adapters.createFirestore({ projectId, databaseId }))
        .inSingletonScope()
        .onDeactivation((client) => client.terminate());
    }
    const flowRuns = choice.flowRuns;
    if (flowRuns === 'firestore') {
      bind<FlowRunStore>(FlowRunStore)
        .toDynamicValue((context) => new (lib().FirestoreFlowRunStore)(db(context)))
        .inSingletonScope();
    } else {
      bind<FlowRunStore>(FlowRunStore).toConstantValue(flowRuns);
    }
    const templates = choice.templates;
    if (templates.from === 'firestore') {
      bind<TemplateRepo>(TemplateRepo)
        .toDynamicValue((context) => new (lib().FirestoreTemplateRepo)(db(context)))
        .inSingletonScope();
    } else {
      bind<TemplateRepo>(TemplateRepo).toConstantValue(new FsTemplateRepo(templates.dir));
    }
    bind<AccountPool>(AccountPool)
      .toDynamicValue((context) =>
        choice.accountUsage === 'firestore'
          ? new (lib().FirestoreAccountPool)(db(context), choice.accounts, context.get<Clock>(Clock))
          : new InMemoryAccountPool(choice.accounts, context.get<Clock>(Clock)),
      )
      .inSingletonScope();
    bind<StepLeaseStore>(StepLeaseStore)
      .toDynamicValue((context) =>
        choice.leases === 'firestore' ? new (lib().FirestoreStepLeaseStore)(db(context)) : new InMemoryStepLeaseStore(),
      )
      .inSingletonScope();
    if (choice.storageDir !== undefined) bind<BlobStore>(BlobStore).toConstantValue(new FsBlobStore(choice.storageDir));
  });
}
