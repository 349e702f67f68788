import { Container } from 'inversify';
import { BlobStore, EventLog, FlowRunStore, createSecretRedactor, RedactingBlobStore, RedactingFlowRunStore, type Clock } from '@worker-chart-export/domain';
import { chartImgModule } from '@worker-chart-export/adapter-chart-img';
import { firestoreModule } from '@worker-chart-export/adapter-firestore';
import { SystemClock, localModule } from '@worker-chart-export/adapter-local';
import { resolveStepPorts } from '@worker-chart-export/composition';
import type { WorkerConfig } from './config/worker-config.js';
import { workerLocalRenderer } from './local-renderer.js';
import type { LoadedLauncher } from './steps/lazy-step-launcher.js';
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
 * The worker's composition: Firestore for flow_runs, leases, account usage and (unless `CHART_TEMPLATES_SOURCE=files`)
 * templates; GCS for PNGs and manifests, or files with `CHARTS_STORAGE=local`; the Chart-IMG adapter for
 * `CHARTS_API_MODE`; and the {@link StepLauncher}. The GCS library (and its SDK) is imported only when blobs go to
 * Cloud Storage. `container.unbindAll()` releases the clients (the Firestore client is terminated).
 */
async function buildWorkerContainer(config: WorkerConfig, runtime: WorkerRuntime): Promise<Container> {
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  // The manifest (a public bucket) and the flow_run are written with every API key removed, in any form.
  const redactor = createSecretRedactor(config.accounts.map((account) => account.apiKey));
  container.onActivation<BlobStore>(BlobStore, (_context, store) => new RedactingBlobStore(store, redactor));
  container.onActivation<FlowRunStore>(FlowRunStore, (_context, store) => new RedactingFlowRunStore(store, redactor));
  container.loadSync(
    localModule({
      clock: runtime.clock ?? new SystemClock(),
      ...(config.templates.from === 'files' ? { templatesDir: config.templates.dir } : {}),
      ...(config.storage.kind === 'local' ? { storageDir: config.storage.dir } : {}),
    }),
    firestoreModule({
      ...(config.projectId === undefined ? {} : { projectId: config.projectId }),
      databaseId: config.firestoreDatabase,
      accounts: config.accounts,
      ...(config.templates.from === 'files' ? { except: ['templates'] } : {}),
    }),
    chartImgModule({
      mode: config.chartsApiMode,
      fixturesDir: config.fixturesDir,
      accounts: config.accounts,
      env: config.env,
      ...(config.chartImgBaseUrl === undefined ? {} : { baseUrl: config.chartImgBaseUrl }),
    }),
  );
  if (config.storage.kind === 'gcs') {
    const { gcsModule } = await import('@worker-chart-export/adapter-gcs');
    container.loadSync(gcsModule(config.projectId === undefined ? {} : { projectId: config.projectId }));
  }
  const localRenderer = workerLocalRenderer(config);
  container
    .bind(StepLauncher)
    .toDynamicValue(
      (context) =>
        new StepLauncher(
          {
            ...resolveStepPorts(context),
            owner: runtime.owner,
            redactor,
            ...(localRenderer === undefined ? {} : { localRenderer }),
          },
          chartExportSettings(config),
          sweepSettings(config),
        ),
    )
    .inSingletonScope();
  return container;
}

/**
 * The composed {@link StepLauncher} and how to release its clients: what the worker loads once it listens, so the
 * use cases stay out of its start-up along with the SDKs.
 */
export async function composeStepLauncher(config: WorkerConfig, runtime: WorkerRuntime): Promise<LoadedLauncher> {
  const container = await buildWorkerContainer(config, runtime);
  return { launcher: container.get(StepLauncher), release: () => container.unbindAll() };
}
