import type { Firestore } from '@google-cloud/firestore';
import { ContainerModule } from 'inversify';
import { AccountPool, Clock, FlowRunStore, StepLeaseStore, TemplateRepo, type ChartImgAccount } from '@worker-chart-export/domain';
import { createFirestore } from './create-firestore.js';
import { FirestoreAccountPool } from './firestore-account-pool.js';
import { FirestoreClient } from './firestore-client.js';
import { FirestoreFlowRunStore } from './firestore-flow-run-store.js';
import { FirestoreStepLeaseStore } from './firestore-step-lease-store.js';
import { FirestoreTemplateRepo } from './firestore-template-repo.js';

/** A store the Firestore module binds unless told otherwise. */
export type FirestoreStore = 'flowRuns' | 'leases' | 'templates';

export interface FirestoreModuleOptions {
  readonly projectId?: string;
  /** Absent: env `FIRESTORE_DATABASE`, else `(default)`. */
  readonly databaseId?: string;
  /** Bind `AccountPool` to the Firestore pool over these accounts (needs `Clock` bound elsewhere). */
  readonly accounts?: readonly ChartImgAccount[];
  /** Stores left to another module (a flow_run file, leases in memory, templates from a directory). */
  readonly except?: readonly FirestoreStore[];
}

/**
 * Binds the Firestore client (one per container, terminated on unbind) and the Firestore adapters of
 * `FlowRunStore`, `StepLeaseStore`, `TemplateRepo` (each unless named in `except`) and, when accounts are
 * given, `AccountPool`. The client is created only when a store is first resolved.
 */
export function firestoreModule(options: FirestoreModuleOptions): ContainerModule {
  const binds = (store: FirestoreStore): boolean => !(options.except ?? []).includes(store);
  return new ContainerModule(({ bind }) => {
    bind<Firestore>(FirestoreClient)
      .toDynamicValue(() => createFirestore(options))
      .inSingletonScope()
      .onDeactivation((db) => db.terminate());
    if (binds('flowRuns')) {
      bind<FlowRunStore>(FlowRunStore)
        .toDynamicValue((context) => new FirestoreFlowRunStore(context.get<Firestore>(FirestoreClient)))
        .inSingletonScope();
    }
    if (binds('leases')) {
      bind<StepLeaseStore>(StepLeaseStore)
        .toDynamicValue((context) => new FirestoreStepLeaseStore(context.get<Firestore>(FirestoreClient)))
        .inSingletonScope();
    }
    if (binds('templates')) {
      bind<TemplateRepo>(TemplateRepo)
        .toDynamicValue((context) => new FirestoreTemplateRepo(context.get<Firestore>(FirestoreClient)))
        .inSingletonScope();
    }
    const accounts = options.accounts;
    if (accounts !== undefined) {
      bind<AccountPool>(AccountPool)
        .toDynamicValue((context) => new FirestoreAccountPool(context.get<Firestore>(FirestoreClient), accounts, context.get<Clock>(Clock)))
        .inSingletonScope();
    }
  });
}
