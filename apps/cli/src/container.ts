import { Container } from 'inversify';
import {
  AccountPool,
  BlobStore,
  ChartApi,
  Clock,
  DEFAULT_CHART_EXPORT_SETTINGS,
  EventLog,
  FlowRunStore,
  RunChartExportStep,
  StepLeaseStore,
  TemplateRepo,
  type ChartExportSettings,
  type ChartImgAccount,
} from '@worker-chart-export/domain';
import { chartImgModule } from '@worker-chart-export/adapter-chart-img';
import { localAdaptersModule } from '@worker-chart-export/adapter-local';
import type { RunLocalConfig } from './config/run-local-config.js';

/** What `run-local` opened or created before composing: the flow_run file, the log, the parsed accounts. */
export interface RunLocalRuntime {
  readonly flowRuns: FlowRunStore;
  readonly log: EventLog;
  readonly accounts: readonly ChartImgAccount[];
  /** The lease owner: this process. */
  readonly owner: string;
}

/** The use case's settings for a local run: the shared defaults, the bucket and the default timezone. */
export function runLocalSettings(config: RunLocalConfig): ChartExportSettings {
  return { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: config.bucket, defaultTimezone: config.defaultTimezone };
}

/**
 * The composition of `run-local` (DECISIONS D8): local adapters (templates directory, blobs on disk,
 * accounts and leases in memory, system clock), the Chart-IMG adapter for the mode, and the use case.
 * Throws `ChartApiConfigError` for a configuration the Chart-IMG adapter refuses.
 */
export function buildRunLocalContainer(config: RunLocalConfig, runtime: RunLocalRuntime): Container {
  const container = new Container();
  container.bind<EventLog>(EventLog).toConstantValue(runtime.log);
  container.loadSync(
    localAdaptersModule({
      templatesDir: config.templatesDir,
      storageDir: config.storageDir,
      flowRun: runtime.flowRuns,
      accounts: runtime.accounts,
    }),
    chartImgModule({
      mode: config.chartsApiMode,
      fixturesDir: config.fixturesDir,
      accounts: runtime.accounts,
      env: config.env,
      ...(config.chartImgBaseUrl === undefined ? {} : { baseUrl: config.chartImgBaseUrl }),
    }),
  );
  const settings = runLocalSettings(config);
  container
    .bind(RunChartExportStep)
    .toDynamicValue(
      (context) =>
        new RunChartExportStep(
          {
            flowRuns: context.get<FlowRunStore>(FlowRunStore),
            templates: context.get<TemplateRepo>(TemplateRepo),
            blobs: context.get<BlobStore>(BlobStore),
            chartApi: context.get<ChartApi>(ChartApi),
            accounts: context.get<AccountPool>(AccountPool),
            leases: context.get<StepLeaseStore>(StepLeaseStore),
            clock: context.get<Clock>(Clock),
            log: context.get<EventLog>(EventLog),
            owner: runtime.owner,
          },
          settings,
        ),
    )
    .inSingletonScope();
  return container;
}
