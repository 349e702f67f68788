import { lazyLocalRenderer } from '@worker-chart-export/composition';
import type { LocalRenderer } from '@worker-chart-export/domain';
import { FsOhlcvSource } from '@worker-chart-export/adapter-local';
import type { WorkerConfig } from './config/worker-config.js';

/**
 * The worker's local renderer, when `CHARTS_API_MODE=local` or `CHART_RENDER_FALLBACK=local` asks for one: OHLCV
 * files are read where the worker's objects live (Cloud Storage, or `<dir>/<bucket>/<object>` with
 * `CHARTS_STORAGE=local`). The renderer (ECharts, Skia) loads on the first chart drawn, not at start-up.
 */
export function workerLocalRenderer(config: WorkerConfig): LocalRenderer | undefined {
  if (config.chartsApiMode !== 'local' && config.renderFallback !== 'local') return undefined;
  const { storage, projectId } = config;
  return lazyLocalRenderer(async () => {
    let ohlcv;
    if (storage.kind === 'local') ohlcv = new FsOhlcvSource(storage.dir);
    else {
      const { createStorage, GcsOhlcvSource } = await import('@worker-chart-export/adapter-gcs');
      ohlcv = new GcsOhlcvSource(createStorage(projectId === undefined ? {} : { projectId }));
    }
    const { OhlcvLocalRenderer } = await import('@worker-chart-export/adapter-chart-renderer');
    return new OhlcvLocalRenderer({ ohlcv });
  });
}
