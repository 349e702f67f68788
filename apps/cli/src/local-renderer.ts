import { lazyLocalRenderer } from '@worker-chart-export/composition';
import type { LocalRenderer } from '@worker-chart-export/domain';
import { FsOhlcvSource } from '@worker-chart-export/adapter-local';
import type { FirestoreTarget } from './config/resolve-firestore-target.js';
import type { SharedRunSettings } from './config/shared-run-flags.js';
import { loadGcsAdapters } from './firestore/load-cloud-adapters.js';

/**
 * The CLI's local renderer, when `--charts-api-mode local` or `CHART_RENDER_FALLBACK=local` asks for one: OHLCV
 * files are read where the run's objects live (`<storage-dir>/<bucket>/<object>`, or Cloud Storage with
 * `--storage gcs`), else from `exampleDir` by market and timeframe. The renderer (ECharts, Skia) and the Cloud
 * Storage SDK load on the first chart drawn, never for a run that draws none.
 */
export function cliLocalRenderer(config: SharedRunSettings & { readonly firestore?: FirestoreTarget }, exampleDir?: string): LocalRenderer | undefined {
  if (config.chartsApiMode !== 'local' && config.renderFallback !== 'local') return undefined;
  const { storage, storageDir } = config;
  const projectId = config.firestore?.projectId;
  return lazyLocalRenderer(async () => {
    let ohlcv;
    if (storage === 'local') ohlcv = new FsOhlcvSource(storageDir);
    else {
      const { createStorage, GcsOhlcvSource } = await loadGcsAdapters();
      ohlcv = new GcsOhlcvSource(createStorage(projectId === undefined ? {} : { projectId }));
    }
    const { OhlcvLocalRenderer } = await import('@worker-chart-export/adapter-chart-renderer');
    return new OhlcvLocalRenderer({ ohlcv, ...(exampleDir === undefined ? {} : { exampleDir }) });
  });
}
