import { Container } from 'inversify';
import {
  AccountPool,
  BlobStore,
  ChartApi,
  Clock,
  EventLog,
  FlowRunStore,
  StepLeaseStore,
  TemplateRepo,
} from '@worker-chart-export/domain';
import { chartImgModule } from '@worker-chart-export/adapter-chart-img';
import { firestoreModule } from '@worker-chart-export/adapter-firestore';
import { gcsModule } from '@worker-chart-export/adapter-gcs';
import { SystemClock } from '@worker-chart-export/adapter-local';
import type { WorkerConfig } from './config/worker-config.js';
import { StepLauncher } from './steps/step-launcher.js';
import { chartExportSettings, sweepSettings } from './worker-settings.js';

/** What the entry point creates before composing. */
export interface WorkerRuntime {
  readonly log: EventLog;
  /** The lease owner: this instance. */
  readonly owner: string;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * The worker's composition: Firestore for flow_runs, leases, templates and account usage; GCS for
 * PNGs and manifests; the Chart-IMG adapter for `CHARTS_API_MODE`; and the {@link StepLauncher}.
 * `container.unbindAll()` releases the clients (the Firestore client is terminated).
 */
export function buildWorkerContainer(config: WorkerConfig, runtime: WorkerRuntime): Container {
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  container.bind<Clock>(Clock).toConstantValue(runtime.clock ?? new SystemClock());
  container.loadSync(
    firestoreModule({
      ...(config.projectId === undefined ? {} : { projectId: config.projectId }),
      databaseId: config.firestoreDatabase,
      accounts: config.accounts,
    }),
    gcsModule(config.projectId === undefined ? {} : { projectId: config.projectId }),
    chartImgModule({
      mode: config.chartsApiMode,
      fixturesDir: config.fixturesDir,
      accounts: config.accounts,
      env: config.env,
      ...(config.chartImgBaseUrl === undefined ? {} : { baseUrl: config.chartImgBaseUrl }),
    }),
  );
  container
    .bind(StepLauncher)
    .toDynamicValue(
      (context) =>
        new StepLauncher(
          {
            flowRuns: context.get<FlowRunStore>(FlowRunStore),
            templates: context.get<TemplateRepo>(TemplateRepo),
            blobs: context.get<BlobStore>(BlobStore),
            chartApi: context.get<ChartApi>(ChartApi),
            accounts: context.get<AccountPool>(AccountPool),
            leases: context.get<StepLeaseStore>(StepLeaseStore),
            clock: context.get<Clock>(Clock),
            owner: runtime.owner,
          },
          chartExportSettings(config),
          sweepSettings(config),
        ),
    )
    .inSingletonScope();
  return container;
}
