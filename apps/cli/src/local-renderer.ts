import { lazyLocalRenderer, type LocalRenderer } from '@worker-chart-export/domain';
import { FsOhlcvSource } from '@worker-chart-export/adapter-local';
import type { StorageKind } from './config/storage-kind.js';
import { loadGcsAdapters } from './firestore/load-cloud-adapters.js';

/**
 * The CLI's local renderer: OHLCV files are read where the run's objects live (`<storage-dir>/<bucket>/<object>`,
 * or Cloud Storage with `--storage gcs`), else from the example directory by market and timeframe. The renderer
 * (ECharts, Skia) and the Cloud Storage SDK load on the first chart drawn, never for a run that draws none.
 */
export function cliLocalRenderer(p: { storage: StorageKind; storageDir: string; projectId?: string; exampleDir?: string }): LocalRenderer {
  return lazyLocalRenderer(async () => {
    let ohlcv;
    if (p.storage === 'local') ohlcv = new FsOhlcvSource(p.storageDir);
    else {
      const { createStorage, GcsOhlcvSource } = await loadGcsAdapters();
      ohlcv = new GcsOhlcvSource(createStorage(p.projectId === undefined ? {} : { projectId: p.projectId }));
    }
    const { OhlcvLocalRenderer } = await import('@worker-chart-export/adapter-chart-renderer');
    return new OhlcvLocalRenderer({ ohlcv, ...(p.exampleDir === undefined ? {} : { exampleDir: p.exampleDir }) });
  });
}
