import { ContainerModule } from 'inversify';
import { ChartApi, Clock } from '@worker-chart-export/domain';
import { assertChartApiConfig, createChartApi, type ChartApiOptions } from './create-chart-api.js';

export interface ChartImgModuleOptions extends Omit<ChartApiOptions, 'clock'> {
  readonly mode: string;
  /** Defaults to the container's `Clock` binding. */
  readonly clock?: Clock;
}

/**
 * Binds the `ChartApi` token to the adapter for `options.mode` (a singleton, so token buckets
 * are shared by every render of the process). A bad mode, `record` with `ENV=prod` or a bad base
 * URL throws {@link ChartApiConfigError} here, before any container is built.
 */
export function chartImgModule(options: ChartImgModuleOptions): ContainerModule {
  assertChartApiConfig(options.mode, options);
  return new ContainerModule(({ bind }) => {
    bind<ChartApi>(ChartApi)
      .toDynamicValue((context) => {
        const { mode, clock, ...rest } = options;
        return createChartApi(mode, { ...rest, clock: clock ?? context.get<Clock>(Clock) });
      })
      .inSingletonScope();
  });
}
