import { Container, type ContainerModule } from 'inversify';
import {
  BlobStore,
  Clock,
  DEFAULT_CHART_EXPORT_SETTINGS,
  EventLog,
  FlowRunStore,
  RunChartExportStep,
  StepLeaseStore,
  SweepStaleSteps,
  createSecretRedactor,
  RedactingBlobStore,
  RedactingFlowRunStore,
  type ChartExportSettings,
  type ChartImgAccount,
  type LocalRenderer,
} from '@worker-chart-export/domain';
import { chartImgModule } from '@worker-chart-export/adapter-chart-img';
import type { FirestoreStore } from '@worker-chart-export/adapter-firestore';
import { SystemClock, localModule } from '@worker-chart-export/adapter-local';
import { resolveStepPorts } from '@worker-chart-export/composition';
import type { ChartSettings } from './config/chart-settings.js';
import type { RunLocalConfig } from './config/run-local-config.js';
import type { FirestoreTarget } from './config/resolve-firestore-target.js';
import type { SweepConfig } from './config/sweep-config.js';
import { loadFirestoreAdapters, loadGcsAdapters, type FirestoreAdapters } from './firestore/load-cloud-adapters.js';
import { cliLocalRenderer } from './local-renderer.js';

/** What `run-local` opened or created before composing: the flow_run file (if any), the log, the parsed accounts. */
export interface RunLocalRuntime {
  /** The opened flow_run file; absent when the flow_run is read from Firestore. */
  readonly flowRuns?: FlowRunStore;
  readonly log: EventLog;
  readonly accounts: readonly ChartImgAccount[];
  /** The lease owner: this process. */
  readonly owner: string;
}

/** What `sweep` created before composing. */
export type SweepRuntime = Omit<RunLocalRuntime, 'flowRuns'>;

/** The use case's settings for a CLI run: the shared defaults, the bucket, the default timezone and the render fallback. */
export function runLocalSettings(config: ChartSettings): ChartExportSettings {
  return { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: config.bucket, defaultTimezone: config.defaultTimezone, renderFallback: config.renderFallback };
}

/**
 * The composition of `run-local`: by default local adapters (flow_run file, templates directory, blobs
 * on disk, accounts and leases in memory, system clock); with `--flow-run-source`, `--templates-source`
 * or `--account-usage firestore` the Firestore adapters instead (a Firestore flow_run brings Firestore
 * leases), and with `--storage gcs` blobs in Cloud Storage. Then the Chart-IMG adapter for the mode and the use case.
 * Throws `ChartApiConfigError` for a configuration the Chart-IMG adapter refuses.
 * `await container.unbindAll()` releases the Firestore client.
 */
export async function buildRunLocalContainer(config: RunLocalConfig, runtime: RunLocalRuntime): Promise<Container> {
  const flowRuns = config.flowRun.from === 'firestore' ? 'firestore' : runtime.flowRuns;
  if (flowRuns === undefined) throw new Error('run-local from a flow_run file needs the opened file store');
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  container.loadSync(
    ...adapterModules({
      flowRuns,
      templates: config.templatesSource === 'firestore' ? { from: 'firestore' } : { from: 'files', dir: config.templatesDir },
      accountUsage: config.accountUsage,
      leases: config.flowRun.from === 'firestore' ? 'firestore' : 'memory',
      ...(config.storage === 'local' ? { storageDir: config.storageDir } : {}),
      accounts: runtime.accounts,
      ...(config.firestore === undefined ? {} : { firestore: await firestoreOf(config.firestore) }),
    }),
    chartModule(config, runtime.accounts, config.fixturesDir),
  );
  if (config.storage === 'gcs') {
    const projectId = config.firestore?.projectId;
    container.loadSync((await loadGcsAdapters()).gcsModule(projectId === undefined ? {} : { projectId }));
  }
  redactOutwardWrites(container, runtime.accounts);
  // The example OHLCV stands in only on local storage: a run writing to Cloud Storage draws from the real files alone.
  const exampleDir = config.storage === 'local' ? config.ohlcvDir : undefined;
  bindRunChartExportStep(container, runLocalSettings(config), runtime.owner, localRendererOf(config, exampleDir));
  return container;
}

/**
 * The composition of `sweep`: flow_runs, leases and account usage in Firestore; templates from Firestore
 * (or the directory); blobs on disk, or in GCS with `--storage gcs`; the Chart-IMG adapter; the
 * `RunChartExportStep` the sweeper re-drives steps with, and `SweepStaleSteps`.
 */
export async function buildSweepContainer(config: SweepConfig, runtime: SweepRuntime): Promise<Container> {
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  container.loadSync(
    ...adapterModules({
      flowRuns: 'firestore',
      templates: config.templatesSource === 'firestore' ? { from: 'firestore' } : { from: 'files', dir: config.templatesDir },
      accountUsage: 'firestore',
      leases: 'firestore',
      ...(config.storage === 'local' ? { storageDir: config.storageDir } : {}),
      accounts: runtime.accounts,
      firestore: await firestoreOf(config.firestore),
    }),
    chartModule(config, runtime.accounts, config.fixturesDir),
  );
  if (config.storage === 'gcs') container.loadSync((await loadGcsAdapters()).gcsModule({ projectId: config.firestore.projectId }));
  redactOutwardWrites(container, runtime.accounts);
  bindRunChartExportStep(container, runLocalSettings(config), runtime.owner, localRendererOf(config));
  container
    .bind(SweepStaleSteps)
    .toDynamicValue(
      (context) =>
        new SweepStaleSteps(
          {
            leases: context.get<StepLeaseStore>(StepLeaseStore),
            flowRuns: context.get<FlowRunStore>(FlowRunStore),
            clock: context.get<Clock>(Clock),
            log: context.get<EventLog>(EventLog),
            runStep: context.get(RunChartExportStep),
          },
          { maxAttempts: config.maxAttempts, batchSize: config.batchSize },
        ),
    )
    .inSingletonScope();
  return container;
}

/** Which adapter backs each port of a CLI command. */
interface AdapterChoice {
  /** A store the command opened (a flow_run file), or `flow_runs` in Firestore. */
  readonly flowRuns: FlowRunStore | 'firestore';
  readonly templates: { readonly from: 'files'; readonly dir: string } | { readonly from: 'firestore' };
  readonly accountUsage: 'memory' | 'firestore';
  /** Leases belong with the flow_run: a step left RUNNING in Firestore needs a lease the sweeper can find. */
  readonly leases: 'memory' | 'firestore';
  /** Blobs on disk under this directory; absent when the GCS module binds `BlobStore`. */
  readonly storageDir?: string;
  readonly accounts: readonly ChartImgAccount[];
  /** Required when any choice is `firestore`, with the adapter library (loaded on demand). */
  readonly firestore?: { readonly target: FirestoreTarget; readonly adapters: FirestoreAdapters };
}

/**
 * The local adapter library's module for the ports backed by files or memory (and the system clock), and the
 * Firestore library's module for the rest. The Firestore client is created on first use, one per container,
 * and terminated when the container is unbound.
 */
function adapterModules(choice: AdapterChoice): ContainerModule[] {
  const inFirestore: Record<FirestoreStore, boolean> = {
    flowRuns: choice.flowRuns === 'firestore',
    leases: choice.leases === 'firestore',
    templates: choice.templates.from === 'firestore',
  };
  const local = localModule({
    clock: new SystemClock(),
    ...(choice.flowRuns === 'firestore' ? {} : { flowRuns: choice.flowRuns }),
    ...(choice.templates.from === 'files' ? { templatesDir: choice.templates.dir } : {}),
    ...(choice.storageDir === undefined ? {} : { storageDir: choice.storageDir }),
    ...(choice.accountUsage === 'memory' ? { accounts: choice.accounts } : {}),
    inMemoryLeases: !inFirestore.leases,
  });
  const firestore = choice.firestore;
  if (firestore === undefined) {
    if (Object.values(inFirestore).includes(true) || choice.accountUsage === 'firestore') {
      throw new Error('a Firestore adapter was chosen without a Firestore project');
    }
    return [local];
  }
  const { projectId, databaseId } = firestore.target;
  const except = (Object.keys(inFirestore) as FirestoreStore[]).filter((store) => !inFirestore[store]);
  return [
    local,
    firestore.adapters.firestoreModule({
      projectId,
      databaseId,
      except,
      ...(choice.accountUsage === 'firestore' ? { accounts: choice.accounts } : {}),
    }),
  ];
}

async function firestoreOf(target: FirestoreTarget) {
  return { target, adapters: await loadFirestoreAdapters() };
}

function chartModule(config: ChartSettings, accounts: readonly ChartImgAccount[], fixturesDir: string) {
  return chartImgModule({
    mode: config.chartsApiMode,
    fixturesDir,
    accounts,
    env: config.env,
    ...(config.chartImgBaseUrl === undefined ? {} : { baseUrl: config.chartImgBaseUrl }),
  });
}

/**
 * The manifest (a public bucket) and the flow_run are written with every API key removed, whatever form a
 * provider echoed it in.
 */
function redactOutwardWrites(container: Container, accounts: readonly ChartImgAccount[]): void {
  const redactor = createSecretRedactor(accounts.map((account) => account.apiKey));
  container.onActivation<BlobStore>(BlobStore, (_context, store) => new RedactingBlobStore(store, redactor));
  container.onActivation<FlowRunStore>(FlowRunStore, (_context, store) => new RedactingFlowRunStore(store, redactor));
}

/** The local renderer, when the mode or the fallback draws charts locally. */
function localRendererOf(
  config: ChartSettings & { storage: RunLocalConfig['storage']; storageDir: string; firestore?: FirestoreTarget },
  exampleDir?: string,
): LocalRenderer | undefined {
  if (config.chartsApiMode !== 'local' && config.renderFallback !== 'local') return undefined;
  const projectId = config.firestore?.projectId;
  return cliLocalRenderer({
    storage: config.storage,
    storageDir: config.storageDir,
    ...(projectId === undefined ? {} : { projectId }),
    ...(exampleDir === undefined ? {} : { exampleDir }),
  });
}

function bindRunChartExportStep(container: Container, settings: ChartExportSettings, owner: string, localRenderer: LocalRenderer | undefined): void {
  container
    .bind(RunChartExportStep)
    .toDynamicValue(
      (context) =>
        new RunChartExportStep(
          {
            ...resolveStepPorts(context),
            log: context.get<EventLog>(EventLog),
            owner,
            ...(localRenderer === undefined ? {} : { localRenderer }),
          },
          settings,
        ),
    )
    .inSingletonScope();
}
