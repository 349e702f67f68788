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
  RedactingBlobStore,
  RedactingFlowRunStore,
  type ChartExportSettings,
  type ChartImgAccount,
  type LocalRenderer,
  type SecretRedactor,
} from '@worker-chart-export/domain';
import { chartImgModule } from '@worker-chart-export/adapter-chart-img';
import type { FirestoreStore } from '@worker-chart-export/adapter-firestore';
import { SystemClock, localModule } from '@worker-chart-export/adapter-local';
import { resolveStepPorts } from '@worker-chart-export/composition';
import type { ChartSettings } from './config/chart-settings.js';
import type { RunLocalConfig, TemplatesSource } from './config/run-local-config.js';
import type { FirestoreTarget } from './config/resolve-firestore-target.js';
import type { SharedRunSettings } from './config/shared-run-flags.js';
import type { SweepConfig } from './config/sweep-config.js';
import { loadFirestoreAdapters, loadGcsAdapters, type FirestoreAdapters } from './firestore/load-cloud-adapters.js';
import { cliLocalRenderer } from './local-renderer.js';

/** What `run-local` opened or created before composing: the flow_run file (if any), the log, the parsed accounts. */
export interface RunLocalRuntime {
  /** The opened flow_run file; absent when the flow_run is read from Firestore. */
  readonly flowRuns?: FlowRunStore;
  readonly log: EventLog;
  readonly accounts: readonly ChartImgAccount[];
  /** Removes the accounts' keys, in any form, from what the command writes outward. */
  readonly redactor: SecretRedactor;
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
  const leases = config.flowRun.from === 'firestore' ? 'firestore' : 'memory';
  // The example OHLCV stands in only on local storage: a run writing to Cloud Storage draws from the real files alone.
  const exampleDir = config.storage === 'local' ? config.ohlcvDir : undefined;
  return chartCommandContainer(config, runtime, { flowRuns, accountUsage: config.accountUsage, leases }, exampleDir);
}

/**
 * The composition of `sweep`: flow_runs, leases and account usage in Firestore; templates from Firestore
 * (or the directory); blobs on disk, or in GCS with `--storage gcs`; the Chart-IMG adapter; the
 * `RunChartExportStep` the sweeper re-drives steps with, and `SweepStaleSteps`.
 */
export async function buildSweepContainer(config: SweepConfig, runtime: SweepRuntime): Promise<Container> {
  const container = await chartCommandContainer(config, runtime, { flowRuns: 'firestore', accountUsage: 'firestore', leases: 'firestore' });
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

/** What both commands' compositions read from their configuration. */
type ChartCommandConfig = SharedRunSettings & { readonly templatesSource: TemplatesSource; readonly firestore?: FirestoreTarget };

/**
 * What `run-local` and `sweep` compose alike: the log; the stores as chosen, templates from the directory or
 * Firestore, blobs on disk or (with `--storage gcs`) in Cloud Storage; the Chart-IMG adapter for the mode; and
 * `RunChartExportStep`. The manifest (a public bucket) and the flow_run are written with every API key removed,
 * whatever form a provider echoed it in.
 */
async function chartCommandContainer(
  config: ChartCommandConfig,
  runtime: SweepRuntime,
  stores: Pick<AdapterChoice, 'flowRuns' | 'accountUsage' | 'leases'>,
  exampleDir?: string,
): Promise<Container> {
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  container.loadSync(
    ...adapterModules({
      ...stores,
      templates: config.templatesSource === 'firestore' ? { from: 'firestore' } : { from: 'files', dir: config.templatesDir },
      ...(config.storage === 'local' ? { storageDir: config.storageDir } : {}),
      accounts: runtime.accounts,
      ...(config.firestore === undefined ? {} : { firestore: await firestoreOf(config.firestore) }),
    }),
    chartModule(config, runtime.accounts),
  );
  if (config.storage === 'gcs') {
    const projectId = config.firestore?.projectId;
    container.loadSync((await loadGcsAdapters()).gcsModule(projectId === undefined ? {} : { projectId }));
  }
  const { redactor } = runtime;
  container.onActivation<BlobStore>(BlobStore, (_context, store) => new RedactingBlobStore(store, redactor));
  container.onActivation<FlowRunStore>(FlowRunStore, (_context, store) => new RedactingFlowRunStore(store, redactor));
  bindRunChartExportStep(container, runLocalSettings(config), runtime.owner, cliLocalRenderer(config, exampleDir));
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

function chartModule(config: SharedRunSettings, accounts: readonly ChartImgAccount[]) {
  return chartImgModule({
    mode: config.chartsApiMode,
    fixturesDir: config.fixturesDir,
    accounts,
    env: config.env,
    ...(config.chartImgBaseUrl === undefined ? {} : { baseUrl: config.chartImgBaseUrl }),
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
